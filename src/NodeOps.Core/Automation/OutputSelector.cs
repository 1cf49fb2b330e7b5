using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodeOps.Core.Documents;

namespace NodeOps.Core.Automation;

/// <summary>
/// Picks a step output out of what the step produced (<c>$.a.b</c>, <c>$.list[0]</c>, <c>$</c> for all of it)
/// and converts it to the declared type. Step results are plain values: string, long, double, bool,
/// List&lt;object?&gt; and Dictionary&lt;string, object?&gt;.
/// </summary>
public static partial class OutputSelector
{
    [GeneratedRegex(@"^\$((\.[A-Za-z0-9_\-]+)|(\[\d+\]))*$")]
    private static partial Regex SelectorPattern();

    [GeneratedRegex(@"\.([A-Za-z0-9_\-]+)|\[(\d+)\]")]
    private static partial Regex PartPattern();

    public static bool IsValid(string selector) => SelectorPattern().IsMatch(selector);

    /// <summary>The value the selector names, or found = false.</summary>
    public static (bool Found, object? Value) Select(object? root, string selector)
    {
        var current = root;
        foreach (Match part in PartPattern().Matches(selector))
        {
            if (part.Groups[1].Success)
            {
                // A string holding JSON (a command's output) is looked into as the object it describes.
                if (current is string s && Json(s) is { } parsed) current = parsed;
                if (current is not IDictionary<string, object?> map) return (false, null);
                var key = map.Keys.FirstOrDefault(k => k == part.Groups[1].Value) ?? map.Keys.FirstOrDefault(k => k.Equals(part.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
                if (key is null) return (false, null);
                current = map[key];
            }
            else
            {
                if (current is string s && Json(s) is { } parsed) current = parsed;
                var index = int.Parse(part.Groups[2].Value, CultureInfo.InvariantCulture);
                if (current is not IList list || index >= list.Count) return (false, null);
                current = list[index];
            }
        }
        return (true, current);
    }

    /// <summary>Converts a selected value to an output type, or returns an error message.</summary>
    public static (object? Value, string? Error) Convert(object? value, RunbookOutputType type)
    {
        if (type == RunbookOutputType.Integer && value is double d && Math.Abs(d % 1) < double.Epsilon) value = (long)d;
        if (type is RunbookOutputType.StringList or RunbookOutputType.StringMap or RunbookOutputType.MapList && value is string s && Json(s) is { } parsed) value = parsed;
        return ParameterValues.Convert(value, (DocumentParameterType)Enum.Parse(typeof(DocumentParameterType), type.ToString()));
    }

    /// <summary>JSON text as plain values; null when the text is not a JSON object or array.</summary>
    public static object? Json(string text)
    {
        var t = text.Trim();
        if (!(t.StartsWith('{') || t.StartsWith('['))) return null;
        try
        {
            using var doc = JsonDocument.Parse(t);
            return FromJson(doc.RootElement);
        }
        catch (JsonException) { return null; }
    }

    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}

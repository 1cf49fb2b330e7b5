using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace NodeOps.Core.Documents;

/// <summary>
/// Converts values to a parameter's type and checks its constraints. The same rules serve defaults
/// written in a document and values given at invoke time (strings, numbers, arrays, hashtables).
/// Typed values are: string, long, bool, List&lt;string&gt;, Dictionary&lt;string, object&gt;, List&lt;Dictionary&lt;string, object&gt;&gt;.
/// </summary>
public static class ParameterValues
{
    /// <summary>A document node as plain values: string, List&lt;object&gt;, Dictionary&lt;string, object&gt; (null for a null scalar).</summary>
    public static object? Plain(DocNode node) => node switch
    {
        DocScalar s => s.IsNull ? null : s.Value,
        DocList l => l.Items.Select(Plain).ToList(),
        DocMap m => m.Entries.ToDictionary(e => e.Key.Value, e => Plain(e.Value)),
        _ => null,
    };

    /// <summary>Converts to the type, or returns an error message.</summary>
    public static (object? Value, string? Error) Convert(object? raw, DocumentParameterType type)
    {
        raw = Unwrap(raw);
        switch (type)
        {
            case DocumentParameterType.String:
                return raw is null or IDictionary || raw is IEnumerable and not string ? (null, "expects a String") : (Text(raw), null);
            case DocumentParameterType.Integer:
                return raw switch
                {
                    int or long or short or byte => (System.Convert.ToInt64(raw, CultureInfo.InvariantCulture), null),
                    string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => (n, null),
                    _ => (null, $"expects an Integer, not '{Text(raw)}'"),
                };
            case DocumentParameterType.Boolean:
                return raw switch
                {
                    bool b => (b, null),
                    string s when bool.TryParse(s.Trim(), out var b) => (b, null),
                    _ => (null, $"expects a Boolean (true or false), not '{Text(raw)}'"),
                };
            case DocumentParameterType.StringList:
                if (raw is string one) return (new List<string> { one }, null);
                if (raw is IDictionary || raw is not IEnumerable list) return (null, "expects a StringList (a list of strings)");
                var items = new List<string>();
                foreach (var item in list)
                {
                    var v = Unwrap(item);
                    if (v is null or IDictionary || v is IEnumerable and not string) return (null, "expects a StringList: every item must be a string");
                    items.Add(Text(v));
                }
                return (items, null);
            case DocumentParameterType.StringMap:
                return raw is IDictionary map ? (Map(map), null) : (null, "expects a StringMap (key/value pairs)");
            case DocumentParameterType.MapList:
                if (raw is IDictionary single) return (new List<Dictionary<string, object?>> { Map(single) }, null);
                if (raw is string || raw is not IEnumerable maps) return (null, "expects a MapList (a list of maps)");
                var result = new List<Dictionary<string, object?>>();
                foreach (var item in maps)
                {
                    if (Unwrap(item) is not IDictionary m) return (null, "expects a MapList: every item must be a map");
                    result.Add(Map(m));
                }
                return (result, null);
            default:
                return (null, $"has an unknown type {type}");
        }
    }

    /// <summary>Checks allowedValues, allowedPattern, minItems/maxItems; returns an error message or null.</summary>
    public static string? CheckConstraints(DocumentParameter p, object value)
    {
        IEnumerable<string> texts = value switch
        {
            List<string> l => l,
            string s => new[] { s },
            long or bool => new[] { Text(value) },
            _ => Array.Empty<string>(),
        };
        if (p.AllowedValues.Count > 0)
            foreach (var t in texts)
                if (!p.AllowedValues.Contains(t, StringComparer.Ordinal))
                    return $"value '{t}' is not one of the allowed values: {string.Join(", ", p.AllowedValues)}";
        if (p.AllowedPattern is { } pattern)
            foreach (var t in texts)
                if (!Regex.IsMatch(t, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    return $"value '{t}' does not match the allowed pattern {pattern}";
        var count = value switch { ICollection c => c.Count, _ => (int?)null };
        if (count is { } n)
        {
            if (p.MinItems is { } min && n < min) return $"has {n} item(s); at least {min} required";
            if (p.MaxItems is { } max && n > max) return $"has {n} item(s); at most {max} allowed";
        }
        return null;
    }

    /// <summary>How a value reads when it is put into text (an embedded {{ reference }}).</summary>
    public static string Text(object? value) => Unwrap(value) switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary or IEnumerable<IDictionary<string, object?>> => System.Text.Json.JsonSerializer.Serialize(value),
        IEnumerable e => string.Join(" ", e.Cast<object?>().Select(Text)),
        var other => other.ToString() ?? "",
    };

    private static object? Unwrap(object? value) => value is PSObject ps ? Unwrap(ps.BaseObject) : value;

    private static Dictionary<string, object?> Map(IDictionary map)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in map) result[Text(e.Key)] = PlainValue(e.Value);
        return result;
    }

    private static object? PlainValue(object? value) => Unwrap(value) switch
    {
        null => null,
        string s => s,
        IDictionary d => Map(d),
        IEnumerable e => e.Cast<object?>().Select(PlainValue).ToList(),
        var other => Text(other),
    };
}

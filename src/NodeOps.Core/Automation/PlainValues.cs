using System.Collections;
using System.Management.Automation;

namespace NodeOps.Core.Automation;

/// <summary>
/// PowerShell objects (hashtables, custom objects, arrays, numbers) as plain values a step output selector
/// and JSON understand: string, long, double, bool, List&lt;object?&gt;, Dictionary&lt;string, object?&gt;.
/// </summary>
public static class PlainValues
{
    private const int MaxDepth = 8;

    public static object? From(object? value, int depth = 0)
    {
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject) return Properties(ps, depth);
            value = ps.BaseObject;
        }
        if (depth > MaxDepth) return value?.ToString();
        return value switch
        {
            null => null,
            string s => s,
            bool b => b,
            int or long or short or byte or uint or ushort or sbyte => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            double or float or decimal => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
            DateTime d => d.ToUniversalTime().ToString("o"),
            Enum e => e.ToString(),
            IDictionary map => map.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? "", e => From(e.Value, depth + 1)),
            IEnumerable items => items.Cast<object?>().Select(i => From(i, depth + 1)).ToList(),
            _ when value.GetType().IsPrimitive => value.ToString(),
            _ => Properties(PSObject.AsPSObject(value), depth),
        };
    }

    private static object? Properties(PSObject o, int depth)
    {
        var props = o.Properties.Where(p => p.IsGettable).ToList();
        if (props.Count == 0) return o.ToString();
        var result = new Dictionary<string, object?>();
        foreach (var p in props)
        {
            object? v;
            try { v = p.Value; } catch (Exception) { v = null; }
            result[p.Name] = From(v, depth + 1);
        }
        return result;
    }
}

using System.Collections;
using System.Management.Automation;

namespace NodeOps.Common;

/// <summary>Document parameters given as a hashtable, kept as text lists in the catalog (windows and associations).</summary>
internal static class ParameterText
{
    public static Dictionary<string, List<string>> From(IDictionary? table)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (table is null) return result;
        foreach (DictionaryEntry e in table)
        {
            var value = e.Value is PSObject ps ? ps.BaseObject : e.Value;
            result[e.Key.ToString()!] = value switch
            {
                null => new List<string> { "" },
                string s => new List<string> { s },
                IEnumerable items => items.Cast<object?>().Select(i => (i is PSObject p ? p.BaseObject : i)?.ToString() ?? "").ToList(),
                _ => new List<string> { value.ToString() ?? "" },
            };
        }
        return result;
    }
}

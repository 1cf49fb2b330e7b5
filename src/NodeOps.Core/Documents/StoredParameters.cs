using System.Collections;
using System.Management.Automation;

namespace NodeOps.Core.Documents;

/// <summary>
/// Document parameters as windows, associations and triggers keep them in the catalog (each value a list of
/// strings), made from a user's hashtable and turned back into the values a document binds.
/// </summary>
public static class StoredParameters
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

    /// <summary>One value as a document binds it: a single string, or a string list.</summary>
    public static object Value(List<string> stored) => stored.Count == 1 ? stored[0] : stored.ToArray();

    public static Hashtable ToTable(Dictionary<string, List<string>> stored)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in stored) table[k] = Value(v);
        return table;
    }
}

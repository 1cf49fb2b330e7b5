using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Targeting;

/// <summary>Turns what a user passes as tags (a hashtable, or "K=V;K2=V2" text as from a CSV) into a dictionary.</summary>
public static class TagSet
{
    public static Dictionary<string, string> From(object? input)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (PSObjectBase(input))
        {
            case null:
                break;
            case IDictionary dict:
                foreach (DictionaryEntry e in dict)
                    Add(tags, e.Key?.ToString(), PSObjectBase(e.Value)?.ToString() ?? "", input!);
                break;
            case string text:
                foreach (var pair in text.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var f = TagFilter.Parse(pair);
                    Add(tags, f.Key, f.Value, text);
                }
                break;
            case IEnumerable items:
                foreach (var item in items)
                    foreach (var kv in From(item)) tags[kv.Key] = kv.Value;
                break;
            default:
                throw Malformed(input!);
        }
        return tags;
    }

    private static void Add(Dictionary<string, string> tags, string? key, string value, object source)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 128 || value.Length > 256) throw Malformed(source);
        tags[key.Trim()] = value;
    }

    private static object? PSObjectBase(object? o) => o is PSObject p ? p.BaseObject : o;

    private static NodeOpsException Malformed(object source) =>
        new(ErrorIds.MalformedTag, ErrorCategory.InvalidArgument, source,
            $"'{source}' is not a set of tags. Pass a hashtable (@{{ Env = 'prod' }}) or text like 'Env=prod;Role=web' (keys up to 128 characters, values up to 256).");
}

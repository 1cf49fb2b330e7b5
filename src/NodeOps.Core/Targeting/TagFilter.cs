using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Targeting;

/// <summary>
/// One "Key=Value" tag condition. Keys match case-insensitively; the value may use PowerShell
/// wildcards (Env=prod*). "Key=*" matches any node that has the key.
/// </summary>
public sealed class TagFilter
{
    public string Key { get; }
    public string Value { get; }
    private readonly WildcardPattern _value;

    private TagFilter(string key, string value)
    {
        Key = key;
        Value = value;
        _value = WildcardPattern.Get(value, WildcardOptions.IgnoreCase);
    }

    /// <summary>Parses "A=1", and "A=1,B=2" into several filters (all must match).</summary>
    public static IReadOnlyList<TagFilter> ParseMany(IEnumerable<string> texts)
    {
        var result = new List<TagFilter>();
        foreach (var text in texts)
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
                result.Add(Parse(part));
        return result;
    }

    public static TagFilter Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || string.IsNullOrWhiteSpace(text[..eq]))
            throw new NodeOpsException(ErrorIds.MalformedTag, ErrorCategory.InvalidArgument, text,
                $"'{text}' is not a tag condition. Write it as Key=Value, for example Env=prod (wildcards allowed in the value).");
        return new TagFilter(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    public bool Matches(ManagedNode node)
    {
        foreach (var (k, v) in node.Tags)
            if (string.Equals(k, Key, StringComparison.OrdinalIgnoreCase) && _value.IsMatch(v)) return true;
        return false;
    }

    public override string ToString() => $"{Key}={Value}";
}

using System.Text.RegularExpressions;

namespace NodeOps.Core.Documents;

/// <summary>The <c>{{ Name }}</c> references in document strings.</summary>
public static partial class TemplateText
{
    [GeneratedRegex(@"\{\{\s*([^{}\s]+)\s*\}\}")]
    private static partial Regex ReferencePattern();

    /// <summary>Prefixes of Parameter Store references (<c>{{ param:/path }}</c>, and SSM's ssm: and ssm-secure:).</summary>
    public static readonly string[] ParameterStorePrefixes = { "param:", "ssm:", "ssm-secure:" };

    public static IEnumerable<string> References(string text) =>
        ReferencePattern().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The reference when the whole string is exactly one reference (its value then keeps its type).</summary>
    public static string? WholeReference(string text)
    {
        var trimmed = text.Trim();
        var m = ReferencePattern().Match(trimmed);
        return m.Success && m.Index == 0 && m.Length == trimmed.Length ? m.Groups[1].Value : null;
    }

    public static string Replace(string text, Func<string, string> valueOf) =>
        ReferencePattern().Replace(text, m => valueOf(m.Groups[1].Value));

    public static bool IsParameterStoreReference(string reference) =>
        ParameterStorePrefixes.Any(p => reference.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Every scalar in a tree, for checking references.</summary>
    public static IEnumerable<DocScalar> Scalars(DocNode? node) => node switch
    {
        DocScalar s => new[] { s },
        DocList l => l.Items.SelectMany(Scalars),
        DocMap m => m.Entries.SelectMany(e => Scalars(e.Value)),
        _ => Array.Empty<DocScalar>(),
    };
}

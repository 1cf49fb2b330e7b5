using System.Collections;
using System.Globalization;
using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;

namespace NodeOps.Common;

/// <summary>
/// Tab on -Parameters offers a hashtable with the parameters of the document named by -DocumentName:
/// required ones empty, optional ones with their defaults (the engine does not hand hashtable keys to
/// argument completers, so the whole literal is offered).
/// </summary>
public sealed class DocumentParameterCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters["DocumentName"] is not string document) return Array.Empty<CompletionResult>();
        var (_, definition) = catalog.Documents.Resolve(document, fakeBoundParameters["DocumentVersion"] as string);
        if (definition.Parameters.Count == 0) return Array.Empty<CompletionResult>();
        var all = Literal(definition.Parameters);
        var required = definition.Parameters.Where(p => p.IsRequired).ToList();
        var results = new List<CompletionResult> { new(all, "all parameters", CompletionResultType.ParameterValue, Describe(definition.Parameters)) };
        if (required.Count > 0 && required.Count < definition.Parameters.Count)
            results.Add(new CompletionResult(Literal(required), "required parameters", CompletionResultType.ParameterValue, Describe(required)));
        return results;
    }

    private static string Literal(IReadOnlyList<DocumentParameter> parameters) =>
        "@{ " + string.Join("; ", parameters.Select(p => $"{p.Name} = {Value(p)}")) + " }";

    private static string Value(DocumentParameter p) => p.Default switch
    {
        null => p.Type is DocumentParameterType.StringList or DocumentParameterType.MapList ? "@()" : p.Type == DocumentParameterType.StringMap ? "@{}" : "''",
        bool b => b ? "$true" : "$false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("'", "''") + "'",
        List<string> l => "@(" + string.Join(", ", l.Select(x => "'" + x.Replace("'", "''") + "'")) + ")",
        _ => "''",
    };

    private static string Describe(IEnumerable<DocumentParameter> parameters) =>
        string.Join(Environment.NewLine, parameters.Select(p => $"{p.Name} [{p.Type}]{(p.IsRequired ? " required" : "")}{(p.Description is null ? "" : ": " + p.Description)}"));
}

using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;

namespace NodeOps.Common;

/// <summary>Tab completion of document names (stored, built-in and AWS-* aliases).</summary>
public sealed class DocumentNameCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.Documents.Find(null, null, allVersions: false)
            .Where(d => pattern.IsMatch(d.Name))
            .Select(d => new CompletionResult(d.Name, d.Name, CompletionResultType.ParameterValue, $"{d.Name} ({d.DocumentType}, v{d.Version}) {d.Description}".Trim()))
            .Concat(BuiltInDocuments.Aliases.Keys.Where(pattern.IsMatch)
                .Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, $"{a} → {BuiltInDocuments.Aliases[a]}")));
}

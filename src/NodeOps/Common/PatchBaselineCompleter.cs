using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of patch baseline ids and names.</summary>
public sealed class PatchBaselineCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.PatchBaselines.All().SelectMany(b => new[] { (Text: b.BaselineId, b.Name), (Text: b.Name, b.Name) })
            .Where(x => pattern.IsMatch(x.Text)).DistinctBy(x => x.Text)
            .Select(x => new CompletionResult(x.Text, x.Text, CompletionResultType.ParameterValue, x.Name));
}

using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of patch groups: the PatchGroup tag values on managed nodes and those registered to baselines.</summary>
public sealed class PatchGroupCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.Nodes.All().Select(n => n.Tags.TryGetValue(PatchBaselineStore.PatchGroupTag, out var g) ? g : null).OfType<string>()
            .Concat(catalog.PatchBaselines.All().SelectMany(b => b.PatchGroups))
            .Distinct(StringComparer.Ordinal).Where(pattern.IsMatch).Order(StringComparer.Ordinal)
            .Select(g => new CompletionResult(g, g, CompletionResultType.ParameterValue, g));
}

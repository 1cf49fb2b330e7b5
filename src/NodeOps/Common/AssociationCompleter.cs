using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of association names (ids for associations without a name).</summary>
public sealed class AssociationCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.Associations.All()
            .Where(a => pattern.IsMatch(a.DisplayName) || pattern.IsMatch(a.AssociationId))
            .Select(a => new CompletionResult(a.DisplayName, a.DisplayName, CompletionResultType.ParameterValue, $"{a.AssociationId} {a.DocumentName}"));
}

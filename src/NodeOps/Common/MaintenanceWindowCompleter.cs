using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of maintenance window names (and ids, for -WindowId).</summary>
public sealed class MaintenanceWindowCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.MaintenanceWindows.All()
            .Where(w => pattern.IsMatch(w.Name) || pattern.IsMatch(w.WindowId))
            .Select(w => new CompletionResult(w.Name, w.Name, CompletionResultType.ParameterValue, $"{w.WindowId} {w.Schedule}"));
}

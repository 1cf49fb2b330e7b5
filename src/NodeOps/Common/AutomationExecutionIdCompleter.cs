using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of automation execution ids, newest first, described by runbook and status.</summary>
public sealed class AutomationExecutionIdCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.Automation.Query(null, null, null, topLevelOnly: false, 50)
            .Where(e => pattern.IsMatch(e.ExecutionId))
            .Select(e => new CompletionResult(e.ExecutionId, e.ExecutionId, CompletionResultType.ParameterValue, $"{e.DocumentName} {e.Status} {e.CurrentStep}".Trim()));
}

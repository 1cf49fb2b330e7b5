using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// A runbook started by the scheduler (a maintenance-window task or an association): one execution, or with a target
/// parameter one child execution per node under the given rate control, as Start-NodeAutomation -TargetParameterName does.
/// </summary>
public static class ScheduledRunbook
{
    public static AutomationRequest Request(string documentName, string? documentVersion, Dictionary<string, List<string>> parameters,
        string? targetParameterName, IReadOnlyList<ManagedNode> targets, string maxConcurrency, string maxErrors) => new()
    {
        DocumentName = documentName,
        DocumentVersion = documentVersion,
        Parameters = StoredParameters.ToTable(parameters),
        TargetParameterName = targetParameterName,
        Targets = targetParameterName is null ? Array.Empty<ManagedNode>() : targets,
        MaxConcurrency = RateLimit.ParseConcurrency(maxConcurrency),
        MaxErrors = RateLimit.ParseErrors(maxErrors),
        OwnedByThisProcess = true,
    };

    /// <summary>Drives a started execution to its end; cancelling <paramref name="ct"/> cancels it (its onCancel steps run).</summary>
    public static async Task<AutomationExecution> RunAsync(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings, string executionId, CancellationToken ct)
    {
        var runner = new AutomationRunner(catalog, pool, settings);
        try
        {
            return await runner.RunAsync(executionId, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return catalog.Automation.Get(executionId);
        }
    }

    /// <summary>
    /// Each node's result: a child execution's status per target (with a target parameter), else the one execution's
    /// status for every node.
    /// </summary>
    public static IReadOnlyList<(string NodeId, AutomationExecution Execution)> PerNode(NodeCatalog catalog, AutomationExecution execution, IReadOnlyList<ManagedNode> nodes)
    {
        if (execution.TargetParameterName is null) return nodes.Select(n => (n.NodeId, execution)).ToList();
        var children = catalog.Automation.Query(null, null, execution.ExecutionId, false, null);
        return children.Where(c => c.TargetNodeId is not null).Select(c => (c.TargetNodeId!, c)).ToList();
    }

    /// <summary>An execution the scheduler cancelled because its time ran out is recorded TimedOut (with its children).</summary>
    public static AutomationExecution MarkTimedOut(NodeCatalog catalog, AutomationExecution execution, string reason)
    {
        foreach (var child in catalog.Automation.Query(null, null, execution.ExecutionId, false, null))
            MarkTimedOut(catalog, child, reason);
        if (execution.Status != AutomationStatus.Cancelled) return execution;
        return catalog.Automation.Change(execution.ExecutionId, e =>
        {
            if (e.Status != AutomationStatus.Cancelled) return;
            e.Status = AutomationStatus.TimedOut;
            e.FailureMessage = reason;
        });
    }
}

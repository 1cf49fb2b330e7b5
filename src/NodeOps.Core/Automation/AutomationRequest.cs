using System.Collections;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;

namespace NodeOps.Core.Automation;

/// <summary>What Start-NodeAutomation (or a scheduler) asks for: a runbook, its parameters, and for rate control the targets.</summary>
public sealed class AutomationRequest
{
    public required string DocumentName { get; init; }
    public string? DocumentVersion { get; init; }
    public IDictionary? Parameters { get; init; }
    public AutomationMode Mode { get; init; } = AutomationMode.Auto;
    /// <summary>Rate control: the runbook parameter each child execution gets its target's node id in.</summary>
    public string? TargetParameterName { get; init; }
    public IReadOnlyList<ManagedNode> Targets { get; init; } = Array.Empty<ManagedNode>();
    public RateLimit MaxConcurrency { get; init; } = new(10, null);
    public RateLimit MaxErrors { get; init; } = new(0, null);
    /// <summary>Set for a runbook started by another runbook's nodeops:invokeRunbook step.</summary>
    public string? ParentExecutionId { get; init; }
    /// <summary>An id chosen by the caller (a trigger's outbox row): a second Start with the same id fails, so it starts once.</summary>
    public string? ExecutionId { get; init; }
    /// <summary>Record this process as the owner at creation, so no other process resumes it before this one drives it.</summary>
    public bool OwnedByThisProcess { get; init; }
}

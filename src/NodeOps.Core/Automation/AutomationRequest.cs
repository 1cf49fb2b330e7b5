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
}

using NodeOps.Core.Models;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// Which orphaned runbook executions (their process died) a scheduler pass drives again now: not one that only waits
/// (a sleep not due yet, an approval not decided, a pause not released), so a pass never holds on to a long wait.
/// </summary>
public static class RunbookResumePolicy
{
    public static bool IsDue(AutomationExecution e, IReadOnlyList<AutomationApproval> decisions, DateTime now)
    {
        if (e.CancelRequested) return true;
        var step = e.Steps.FirstOrDefault(s => s.Sequence == e.CurrentSequence);
        if (step is null || step.Status is not (AutomationStepStatus.Waiting or AutomationStepStatus.InProgress)) return true;
        return step.Action switch
        {
            "aws:sleep" or "nodeops:sleep" => step.WakeAt is not { } wake || wake <= now,
            "aws:approve" or "nodeops:approve" => step.Status != AutomationStepStatus.Waiting
                || decisions.Any(d => d.Decision == ApprovalDecision.Denied)
                || decisions.Count(d => d.Decision == ApprovalDecision.Approved) >= Math.Max(1, step.MinRequiredApprovals),
            "aws:pause" or "nodeops:pause" => step.Status != AutomationStepStatus.Waiting || e.ResumeRequested,
            _ => true,
        };
    }
}

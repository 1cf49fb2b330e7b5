using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Automation;

/// <summary>
/// The actions that wait: aws:sleep, aws:approve and aws:pause. What they wait for is kept in the catalog
/// (the wake time, the approvers, decisions, a resume request), so a resumed execution waits only for
/// what is left and decisions can come from any process.
/// </summary>
internal static class WaitSteps
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);
    /// <summary>SSM's default for aws:approve when the step sets no timeoutSeconds.</summary>
    public static readonly TimeSpan DefaultApprovalTimeout = TimeSpan.FromDays(7);

    public static async Task<object?> SleepAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        if (ctx.Record.WakeAt is null)
        {
            var duration = ctx.Text("Duration");
            var timestamp = ctx.Text("Timestamp");
            ctx.Record.WakeAt = duration is not null
                ? DateTime.UtcNow + (WaitTimes.Duration(duration) ?? throw ctx.Invalid($"Duration '{duration}' is not an ISO 8601 duration such as PT10S."))
                : WaitTimes.Timestamp(timestamp ?? "") ?? throw ctx.Invalid($"Timestamp '{timestamp}' is not an ISO 8601 time.");
            ctx.Save();
        }
        var left = ctx.Record.WakeAt.Value - DateTime.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left, ct).ConfigureAwait(false);
        return null;
    }

    public static async Task<object?> ApproveAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        var record = ctx.Record;
        if (record.Status != AutomationStepStatus.Waiting)
        {
            record.Approvers = ctx.List("Approvers").ToList();
            if (record.Approvers.Count == 0) throw ctx.Invalid("Approvers is empty.");
            record.MinRequiredApprovals = ctx.Number("MinRequiredApprovals", 1)!.Value;
            if (record.MinRequiredApprovals < 1) throw ctx.Invalid("MinRequiredApprovals must be at least 1.");
            record.Message = ctx.Text("Message");
            record.Status = AutomationStepStatus.Waiting;
            ctx.Save(AutomationStatus.Waiting);
        }
        while (true)
        {
            var decisions = ctx.Catalog.Automation.Decisions(ctx.ExecutionId, record.Sequence);
            var summary = decisions.Select(d => (object?)new Dictionary<string, object?>
            {
                ["Approver"] = d.Approver, ["Decision"] = d.Decision.ToString(), ["Comment"] = d.Comment, ["Time"] = d.Time.ToString("o"),
            }).ToList();
            if (decisions.FirstOrDefault(d => d.Decision == ApprovalDecision.Denied) is { } denied)
                throw new StepFailedException(ErrorIds.ApprovalDenied, $"Step '{ctx.Step.Name}': denied by {denied.Approver}{(denied.Comment is null ? "" : ": " + denied.Comment)}.")
                {
                    Result = new Dictionary<string, object?> { ["ApprovalStatus"] = "Rejected", ["ApproverDecisions"] = summary },
                };
            if (decisions.Count(d => d.Decision == ApprovalDecision.Approved) >= record.MinRequiredApprovals)
                return new Dictionary<string, object?> { ["ApprovalStatus"] = "Approved", ["ApproverDecisions"] = summary };
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    public static async Task<object?> PauseAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        if (ctx.Record.Status != AutomationStepStatus.Waiting)
        {
            ctx.Record.Status = AutomationStepStatus.Waiting;
            ctx.Save(AutomationStatus.Waiting);
        }
        while (!ctx.Catalog.Automation.Get(ctx.ExecutionId, withSteps: false).ResumeRequested)
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        ctx.Catalog.Automation.Change(ctx.ExecutionId, e => e.ResumeRequested = false);
        return null;
    }
}

using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>What a document did on one node.</summary>
public sealed class DocumentRun
{
    public List<NodeCommandStepResult> Steps { get; } = new();
    public List<object> Output { get; } = new();
    public InvocationStatus Status { get; set; } = InvocationStatus.Success;
}

/// <summary>
/// Runs a <see cref="DocumentPlan"/> on one node, step by step, as SSM's agent does: a step whose
/// precondition is false is Skipped; a failed step fails the document but the next steps still run
/// unless it says onFailure: exit (or successAndExit); onSuccess: exit / isEnd end it after the step;
/// the finallyStep always runs; exit 194 ends it (a reboot is due first). The whole run is bounded by
/// the command's TimeoutSeconds, each step also by its own timeoutSeconds.
/// </summary>
public sealed class DocumentExecutor
{
    private readonly NodeSession _session;
    private readonly DateTime _deadline;
    private readonly CancellationToken _ct;
    private readonly DocumentRun _run = new();
    private StepContext _context = new("", null);
    private string? _platform;

    private DocumentExecutor(NodeSession session, int timeoutSeconds, CancellationToken ct)
    {
        _session = session;
        _deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        _ct = ct;
    }

    public static async Task<DocumentRun> RunAsync(NodeSession session, ManagedNode node, DocumentPlan plan, int timeoutSeconds,
        StepContext context, CancellationToken ct)
    {
        var executor = new DocumentExecutor(session, timeoutSeconds, ct) { _platform = node.PlatformType, _context = context };
        if (plan.NeedsPlatform && executor._platform is null) executor._platform = await executor.AskPlatformAsync().ConfigureAwait(false);
        var outcome = await executor.RunStepsAsync(plan.Steps, "").ConfigureAwait(false);
        executor._run.Status = outcome switch
        {
            StepStatus.Success => InvocationStatus.Success,
            StepStatus.TimedOut => InvocationStatus.TimedOut,
            StepStatus.Cancelled => InvocationStatus.Cancelled,
            _ => InvocationStatus.Failed,
        };
        return executor._run;
    }

    private async Task<string> AskPlatformAsync()
    {
        var result = await _session.InvokeAsync(ps => ps.AddScript(RemoteScripts.Platform), TimeSpan.FromSeconds(60), _ct).ConfigureAwait(false);
        return result.Output.FirstOrDefault()?.ToString() ?? "Linux";
    }

    /// <summary>Runs a list of steps (a document, or a nested one); returns Success, Failed, TimedOut or Cancelled.</summary>
    private async Task<StepStatus> RunStepsAsync(IReadOnlyList<PlannedStep> steps, string prefix)
    {
        string? endedBy = null;
        var outcome = StepStatus.Success;
        foreach (var step in steps)
        {
            var r = new NodeCommandStepResult { Name = prefix + step.Name, Action = step.ActionName };
            _run.Steps.Add(r);
            if (_ct.IsCancellationRequested)
            {
                Mark(r, StepStatus.Cancelled, "Cancelled before this step started.", ErrorIds.Cancelled);
                outcome = StepStatus.Cancelled;
                continue;
            }
            if (endedBy is not null && !step.IsFinally)
            {
                Mark(r, StepStatus.NotRun, endedBy);
                continue;
            }
            if (step.Precondition is { } p && !Holds(p))
            {
                Mark(r, StepStatus.Skipped, p.Left == "platformType"
                    ? $"Precondition platformType = {p.Right} is false: the node is {_platform}."
                    : $"Precondition '{p.Left}' = '{p.Right}' is false.");
                continue;
            }
            var remaining = (int)Math.Ceiling((_deadline - DateTime.UtcNow).TotalSeconds);
            if (remaining <= 0)
            {
                Mark(r, StepStatus.TimedOut, "The command's TimeoutSeconds ran out before this step.", ErrorIds.CommandTimedOut);
                outcome = Worse(outcome, StepStatus.TimedOut);
                endedBy ??= "Not run: the command's TimeoutSeconds ran out.";
                continue;
            }

            r.StartTime = DateTime.UtcNow;
            if (step.Action == StepAction.RunDocument)
            {
                var nested = await RunStepsAsync(step.Children, r.Name + "/").ConfigureAwait(false);
                r.Status = nested;
                r.StatusDetails = $"Ran {step.NestedDocument}: {nested}.";
                if (nested != StepStatus.Success) r.ErrorId = ErrorIds.StepFailed;
            }
            else
            {
                var timeout = Math.Min(step.TimeoutSeconds ?? remaining, remaining);
                try
                {
                    _run.Output.AddRange(await StepRunner.RunAsync(_session, step, r, _platform, timeout, _context, _ct).ConfigureAwait(false));
                }
                catch (NodeConnectionException ex)
                {
                    // The session broke mid-document: the remaining steps cannot run on it.
                    Mark(r, StepStatus.Failed, ex.Message, ex.ErrorId);
                    endedBy ??= "Not run: the connection to the node was lost.";
                }
            }
            r.EndTime = DateTime.UtcNow;

            if (r.IsError || r.Status == StepStatus.Cancelled)
            {
                if (step.OnFailure != StepFailureAction.SuccessAndExit) outcome = Worse(outcome, r.Status);
                if (step.OnFailure != StepFailureAction.Continue)
                    endedBy ??= $"Not run: step '{r.Name}' failed and says onFailure: {(step.OnFailure == StepFailureAction.Exit ? "exit" : "successAndExit")}.";
                if (r.Status == StepStatus.Cancelled) endedBy ??= "Cancelled.";
            }
            else if (r.ExitCode == StepRunner.RebootNowExitCode)
            {
                endedBy ??= $"Not run: step '{r.Name}' exited 194 (reboot, then go on); NodeOps does not reboot nodes — reboot and run the command again.";
            }
            else if (step.ExitAfter)
            {
                endedBy ??= $"Not run: step '{r.Name}' ends the document (onSuccess: exit / isEnd).";
            }
        }
        return outcome;
    }

    private bool Holds((string Left, string Right) p) =>
        p.Left == "platformType"
            ? string.Equals(_platform, p.Right, StringComparison.OrdinalIgnoreCase)
            : string.Equals(p.Left, p.Right, StringComparison.Ordinal);

    private static StepStatus Worse(StepStatus current, StepStatus next) =>
        current == StepStatus.Success || next == StepStatus.Cancelled ? next
        : current == StepStatus.Cancelled ? current
        : next == StepStatus.TimedOut ? next : current;

    private static void Mark(NodeCommandStepResult r, StepStatus status, string details, string? errorId = null)
    {
        r.Status = status;
        r.StatusDetails = details;
        r.ErrorId = errorId;
    }
}

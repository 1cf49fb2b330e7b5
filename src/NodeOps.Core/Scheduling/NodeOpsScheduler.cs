using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Scheduling;

public sealed class SchedulerOptions
{
    /// <summary>How late an association's occurrence may be and still count as on time (else the missed-run policy decides).</summary>
    public TimeSpan AssociationGrace { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How long another machine's execution may go without a heartbeat before it is taken over.</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Run even where a named change calendar is closed (an audited emergency override).</summary>
    public bool IgnoreChangeCalendar { get; init; }
    /// <summary>How long a window hour lasts: one hour, except under the test-only variable (see <see cref="WindowHour"/>).</summary>
    public TimeSpan HourLength { get; init; } = WindowHour.Length;
}

/// <summary>Something a pass started or recorded: a window execution or an association run, and when it is done.</summary>
public sealed record ScheduledWork(string Kind, string Id, Task Completion)
{
    public const string WindowExecution = "MaintenanceWindowExecution", AssociationRun = "AssociationRun", AutomationExecution = "AutomationExecution";
}

/// <summary>
/// The scheduler: each pass resumes executions whose scheduler died while their window is open, starts
/// window executions and association runs that are due, and applies associations to new target nodes.
/// Every occurrence is claimed inside a catalog transaction, so schedulers in several processes never run one twice.
/// </summary>
public sealed class NodeOpsScheduler
{
    private readonly NodeCatalog _catalog;
    private readonly ISchedulerClock _clock;
    private readonly SchedulerOptions _options;
    private readonly MaintenanceWindowRunner _windows;
    private readonly AssociationRunner _associations;
    private readonly AutomationRunner _runbooks;
    private readonly AutomationTriggerDispatcher _triggers;

    public NodeOpsScheduler(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings, ISchedulerClock? clock = null, SchedulerOptions? options = null)
    {
        _catalog = catalog;
        _clock = clock ?? SystemSchedulerClock.Instance;
        _options = options ?? new SchedulerOptions();
        _windows = new MaintenanceWindowRunner(catalog, pool, settings, _clock);
        _associations = new AssociationRunner(catalog, pool, settings, _clock);
        _runbooks = new AutomationRunner(catalog, pool, settings);
        _triggers = new AutomationTriggerDispatcher(catalog, pool, settings);
    }

    /// <summary>One pass; the returned work runs on in the background.</summary>
    public IReadOnlyList<ScheduledWork> Pass(CancellationToken ct)
    {
        var work = new List<ScheduledWork>();
        ResumeOrphans(work, ct);
        ResumeRunbooks(work, ct);
        foreach (var (id, completion) in _triggers.Dispatch(ct))
            work.Add(new ScheduledWork(ScheduledWork.AutomationExecution, id, completion));
        foreach (var window in _catalog.MaintenanceWindows.All().Where(w => w.Enabled))
            PlanWindow(window, work, ct);
        foreach (var association in _catalog.Associations.All())
            PlanAssociation(association, work, ct);
        return work;
    }

    /// <summary>One pass, waiting for everything it started (Invoke-NodeOpsScheduler -Once).</summary>
    public async Task<IReadOnlyList<ScheduledWork>> RunOnceAsync(CancellationToken ct)
    {
        var work = Pass(ct);
        await Task.WhenAll(work.Select(w => w.Completion)).ConfigureAwait(false);
        return work;
    }

    /// <summary>Passes every <paramref name="interval"/> until cancelled; then waits for running work to wind down.</summary>
    public async Task RunAsync(TimeSpan interval, Action<ScheduledWork> finished, Action<string> warn, CancellationToken ct)
    {
        var running = new List<ScheduledWork>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                running.AddRange(Pass(ct));
            }
            catch (NodeOpsException ex)
            {
                warn($"Scheduler pass failed ({ex.ErrorId}): {ex.Message}");
            }
            foreach (var done in running.Where(w => w.Completion.IsCompleted).ToList())
            {
                running.Remove(done);
                finished(done);
            }
            try { await Task.Delay(interval, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(running.Select(w => w.Completion)).ConfigureAwait(false);
        foreach (var done in running) finished(done);
    }

    /// <summary>The current record of a piece of work.</summary>
    public object Reload(ScheduledWork work) => work.Kind switch
    {
        ScheduledWork.WindowExecution => _catalog.MaintenanceWindows.GetExecution(work.Id),
        ScheduledWork.AutomationExecution => _catalog.Automation.Get(work.Id),
        _ => _catalog.Associations.FindRun(work.Id)!,
    };

    /// <summary>
    /// Drives again runbook executions whose process died (not ones whose wait is not over). The execution's claim
    /// (a transaction that refuses one a live process owns) keeps two schedulers from driving it at once.
    /// </summary>
    private void ResumeRunbooks(List<ScheduledWork> work, CancellationToken ct)
    {
        foreach (var id in _runbooks.ResumePending())
        {
            var e = _catalog.Automation.Get(id);
            // This process started it (a window task, association or trigger of this scheduler) and drives it.
            if (e.OwnerProcessId == ControllerIdentity.ProcessId && string.Equals(e.OwnerHost, ControllerIdentity.MachineName, StringComparison.OrdinalIgnoreCase)) continue;
            var decisions = _catalog.Automation.Decisions(id, e.CurrentSequence);
            if (!RunbookResumePolicy.IsDue(e, decisions, _clock.UtcNow)) continue;
            work.Add(new ScheduledWork(ScheduledWork.AutomationExecution, id, Task.Run(async () =>
            {
                try { await _runbooks.RunAsync(id, ct).ConfigureAwait(false); }
                catch (NodeOpsException ex) when (ex.ErrorId is ErrorIds.AutomationExecutionBusy or ErrorIds.AutomationExecutionFinished) { /* another scheduler has it */ }
                catch (OperationCanceledException) { }
            }, CancellationToken.None)));
        }
    }

    private void PlanWindow(MaintenanceWindow window, List<ScheduledWork> work, CancellationToken ct)
    {
        var now = _clock.UtcNow;
        ScheduleExpression schedule;
        try { schedule = MaintenanceWindowRules.ScheduleOf(window); }
        catch (NodeOpsException) { return; }
        var openFor = _options.HourLength * (window.Duration - window.Cutoff);
        var decision = SchedulePlanner.Plan(schedule, MaintenanceWindowRules.AnchorOf(window), window.LastOccurrence ?? window.CreatedDate, now,
            openFor, window.MissedRunPolicy, window.StartDate, window.EndDate);
        if (decision.Action == PlanAction.None) return;

        var start = decision.Action == PlanAction.RunLate ? now : decision.Occurrence;
        var (cutoff, end) = SchedulePlanner.Bounds(start, window.Duration, window.Cutoff, _options.HourLength);
        var execution = new MaintenanceWindowExecution
        {
            ExecutionId = MaintenanceWindowExecution.MakeId(window.WindowId, decision.Occurrence),
            WindowId = window.WindowId,
            WindowName = window.Name,
            Occurrence = decision.Occurrence,
            CutoffTime = cutoff,
            WindowEnd = end,
            StartTime = now,
            Late = decision.Action == PlanAction.RunLate,
            Status = WindowExecutionStatus.Pending,
            OwnerHost = ControllerIdentity.MachineName,
            OwnerProcessId = ControllerIdentity.ProcessId,
            HeartbeatAt = now,
        };
        if (decision.Action == PlanAction.SkipMissed)
        {
            Close(execution, WindowExecutionStatus.Skipped, $"Missed: {decision.MissedCount} occurrence(s) passed while no scheduler ran (missed-run policy Skip).");
        }
        else
        {
            (var closed, execution.IgnoredChangeCalendar) = _catalog.ChangeCalendars.Gate(window.ChangeCalendarNames, now, _options.IgnoreChangeCalendar);
            if (closed is not null) Close(execution, WindowExecutionStatus.Skipped, "Skipped: " + closed);
            else execution.Tasks = MaintenanceWindowRunner.Snapshot(_catalog.MaintenanceWindows.TasksOf(window.WindowId));
        }
        if (!_catalog.MaintenanceWindows.TryClaim(execution, decision.Occurrence)) return;
        var completion = execution.IsOpen ? Task.Run(() => _windows.RunAsync(execution, ct), CancellationToken.None) : Task.CompletedTask;
        work.Add(new ScheduledWork(ScheduledWork.WindowExecution, execution.ExecutionId, completion));
    }

    private void Close(MaintenanceWindowExecution execution, WindowExecutionStatus status, string details)
    {
        execution.Status = status;
        execution.StatusDetails = details;
        execution.EndTime = _clock.UtcNow;
    }

    private void ResumeOrphans(List<ScheduledWork> work, CancellationToken ct)
    {
        foreach (var open in _catalog.MaintenanceWindows.OpenExecutions().Where(OwnerGone))
        {
            var now = _clock.UtcNow;
            var taken = _catalog.MaintenanceWindows.TryTakeOver(open.ExecutionId, OwnerGone, e =>
            {
                foreach (var t in e.Tasks.Where(t => t.Status == WindowTaskStatus.InProgress))
                {
                    t.Status = WindowTaskStatus.Interrupted;
                    t.StatusDetails = $"The scheduler running it (process {e.OwnerProcessId} on {e.OwnerHost}) stopped before it finished.";
                    t.EndTime = now;
                }
                e.ResumedAt.Add(now);
                e.OwnerHost = ControllerIdentity.MachineName;
                e.OwnerProcessId = ControllerIdentity.ProcessId;
                e.HeartbeatAt = now;
                if (now >= e.CutoffTime)
                {
                    foreach (var t in e.Tasks.Where(t => t.Status == WindowTaskStatus.Pending))
                    {
                        t.Status = WindowTaskStatus.NotStarted;
                        t.StatusDetails = "The window's cutoff time passed while no scheduler ran it.";
                    }
                    e.Status = WindowExecutionStatus.Interrupted;
                    e.StatusDetails = "The scheduler stopped during the window, and the window closed before another scheduler resumed it.";
                    e.EndTime = now;
                }
            });
            if (taken is null) continue;
            CancelInterruptedRunbooks(taken);
            var completion = taken.IsOpen ? Task.Run(() => _windows.RunAsync(taken, ct), CancellationToken.None) : Task.CompletedTask;
            work.Add(new ScheduledWork(ScheduledWork.WindowExecution, taken.ExecutionId, completion));
        }
    }

    /// <summary>
    /// An Automation task interrupted with its scheduler is not re-run, like a Run Command task; its execution is
    /// cancelled too, so it does not go on outside the window when a pass resumes orphaned runbooks.
    /// </summary>
    private void CancelInterruptedRunbooks(MaintenanceWindowExecution e)
    {
        var changed = false;
        foreach (var t in e.Tasks.Where(t => t.Status == WindowTaskStatus.Interrupted && t.AutomationExecutionId is not null
                     && !(Enum.TryParse<AutomationStatus>(t.AutomationStatus, out var status) && AutomationExecution.IsFinal(status))))
        {
            try
            {
                t.AutomationStatus = _runbooks.RequestCancel(t.AutomationExecutionId!).Status.ToString();
                changed = true;
            }
            catch (NodeOpsException) { /* it ended meanwhile, or is gone */ }
        }
        // The takeover has just written the execution; write it again only for a runbook status it did not have.
        if (changed) _catalog.MaintenanceWindows.UpdateExecution(e);
    }

    private bool OwnerGone(MaintenanceWindowExecution e)
    {
        // A scheduler on this machine is checked by its process; one elsewhere by its heartbeat.
        if (string.Equals(e.OwnerHost, ControllerIdentity.MachineName, StringComparison.OrdinalIgnoreCase))
            return !ControllerIdentity.IsLiveOwner(e.OwnerHost, e.OwnerProcessId, e.ResumedAt.Count > 0 ? e.ResumedAt[^1] : e.StartTime ?? e.Occurrence);
        return e.HeartbeatAt is null || e.HeartbeatAt < _clock.UtcNow - _options.LeaseTimeout;
    }

    private void PlanAssociation(NodeAssociation a, List<ScheduledWork> work, CancellationToken ct)
    {
        var now = _clock.UtcNow;
        // Resolved only when needed: an association applied only at its cron times costs no node lookup between them.
        IReadOnlyList<ManagedNode>? resolved = null;
        IReadOnlyList<ManagedNode> Targets() => resolved ??= _associations.Targets(a);
        if (a.ScheduleExpression is { } expression)
        {
            ScheduleExpression schedule;
            try { schedule = ScheduleExpression.Parse(expression, a.ScheduleTimezone, a.ScheduleOffset); }
            catch (NodeOpsException) { return; }
            var decision = SchedulePlanner.Plan(schedule, a.CreatedDate, a.LastOccurrence ?? a.CreatedDate, now, _options.AssociationGrace, a.MissedRunPolicy);
            if (decision.Action != PlanAction.None)
            {
                var run = _associations.NewRun(a, decision.Action == PlanAction.RunLate ? "Schedule (late)" : "Schedule", decision.Occurrence);
                var targets = Targets();
                if (decision.Action == PlanAction.SkipMissed || targets.Count == 0)
                {
                    run.Status = "Skipped";
                    run.StatusDetails = targets.Count == 0 ? "No node matches the association's targets."
                        : $"Missed: {decision.MissedCount} occurrence(s) passed while no scheduler ran (missed-run policy Skip).";
                    run.EndTime = now;
                    if (_catalog.Associations.TryClaim(run, decision.Occurrence))
                        work.Add(new ScheduledWork(ScheduledWork.AssociationRun, run.RunId, Task.CompletedTask));
                }
                else if (_catalog.Associations.TryClaim(run, decision.Occurrence))
                {
                    _catalog.Associations.ClaimNewNodes(a, targets);
                    work.Add(new ScheduledWork(ScheduledWork.AssociationRun, run.RunId,
                        Task.Run(() => _associations.ApplyAsync(a, run, targets, _options.IgnoreChangeCalendar, ct), CancellationToken.None)));
                    return;
                }
            }
            if (a.ApplyOnlyAtCronInterval) return;
        }
        if (Targets().Count == 0) return;
        var fresh = _catalog.Associations.ClaimNewNodes(a, Targets());
        if (fresh.Count == 0) return;
        var first = _associations.NewRun(a, "NewTargets", null);
        _catalog.Associations.AddRun(first);
        work.Add(new ScheduledWork(ScheduledWork.AssociationRun, first.RunId,
            Task.Run(() => _associations.ApplyAsync(a, first, fresh, _options.IgnoreChangeCalendar, ct), CancellationToken.None)));
    }
}

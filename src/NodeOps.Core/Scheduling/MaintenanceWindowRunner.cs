using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// Runs one claimed window execution: its tasks in priority groups (lower numbers first, equal priorities in
/// parallel), each as a Run Command; no task starts after the cutoff; when the window ends, what still runs is
/// cancelled and recorded TimedOut. The execution record is kept current, with a heartbeat for the lease.
/// </summary>
public sealed class MaintenanceWindowRunner
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);
    private readonly NodeCatalog _catalog;
    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;
    private readonly ISchedulerClock _clock;
    private readonly object _gate = new();

    public MaintenanceWindowRunner(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings, ISchedulerClock clock)
    {
        _catalog = catalog;
        _pool = pool;
        _settings = settings;
        _clock = clock;
    }

    /// <summary>The task list of a new execution: every registered task, Pending.</summary>
    public static List<WindowTaskExecution> Snapshot(IEnumerable<MaintenanceWindowTask> tasks) => tasks.Select(t => new WindowTaskExecution
    {
        WindowTaskId = t.WindowTaskId,
        TaskName = t.Name,
        Priority = t.Priority,
        Status = WindowTaskStatus.Pending,
    }).ToList();

    public async Task RunAsync(MaintenanceWindowExecution execution, CancellationToken ct)
    {
        using var heartbeat = new CancellationTokenSource();
        var beating = BeatAsync(execution, heartbeat.Token);
        try
        {
            lock (_gate)
            {
                execution.Status = WindowExecutionStatus.InProgress;
                execution.StartTime ??= _clock.UtcNow;
                Save(execution);
            }
            var window = _catalog.MaintenanceWindows.Get(execution.WindowId);
            foreach (var group in execution.Tasks.Where(t => t.Status == WindowTaskStatus.Pending).GroupBy(t => t.Priority).OrderBy(g => g.Key).ToList())
            {
                if (ct.IsCancellationRequested) break;
                if (_clock.UtcNow >= execution.CutoffTime)
                {
                    foreach (var t in group) SetTask(execution, t, WindowTaskStatus.NotStarted, "The window's cutoff time was reached before this task could start.");
                    continue;
                }
                // The registered tasks are read as the group starts: one unregistered since the execution began is not run.
                var registered = _catalog.MaintenanceWindows.TasksOf(window.WindowId).ToDictionary(t => t.WindowTaskId);
                await Task.WhenAll(group.Select(t => RunTaskAsync(window, execution, t, registered.GetValueOrDefault(t.WindowTaskId), ct))).ConfigureAwait(false);
            }
            lock (_gate)
            {
                foreach (var t in execution.Tasks.Where(t => t.Status == WindowTaskStatus.Pending))
                {
                    t.Status = ct.IsCancellationRequested ? WindowTaskStatus.Cancelled : WindowTaskStatus.NotStarted;
                    t.StatusDetails = ct.IsCancellationRequested ? "The scheduler was stopped." : "The window's cutoff time was reached before this task could start.";
                }
                execution.Status = FinalStatus(execution, ct.IsCancellationRequested);
                execution.StatusDetails ??= Summary(execution);
                execution.EndTime = _clock.UtcNow;
                Save(execution);
            }
        }
        catch (NodeOpsException ex)
        {
            lock (_gate)
            {
                execution.Status = WindowExecutionStatus.Failed;
                execution.StatusDetails = ex.Message;
                execution.EndTime = _clock.UtcNow;
                Save(execution);
            }
        }
        finally
        {
            heartbeat.Cancel();
            await beating.ConfigureAwait(false);
        }
    }

    private async Task RunTaskAsync(MaintenanceWindow window, MaintenanceWindowExecution execution, WindowTaskExecution taskRun, MaintenanceWindowTask? task, CancellationToken ct)
    {
        if (task is null)
        {
            SetTask(execution, taskRun, WindowTaskStatus.NotStarted, "The task was unregistered before it ran.");
            return;
        }
        if (task.IsAutomation)
        {
            await RunAutomationTaskAsync(window, execution, taskRun, task, ct).ConfigureAwait(false);
            return;
        }
        CommandRequest request;
        try
        {
            request = BuildRequest(window, task);
        }
        catch (NodeOpsException ex)
        {
            SetTask(execution, taskRun, WindowTaskStatus.Failed, $"{ex.ErrorId}: {ex.Message}");
            return;
        }
        var runner = new NodeCommandRunner(_catalog, _pool, _settings);
        var command = runner.Create(request);
        lock (_gate)
        {
            taskRun.CommandId = command.CommandId;
            taskRun.TargetCount = request.Targets.Count;
            taskRun.StartTime = _clock.UtcNow;
            taskRun.Status = WindowTaskStatus.InProgress;
            Save(execution);
        }

        using var deadlines = new WindowTaskDeadlines(execution, task, _clock.UtcNow, withTaskTimeout: false, ct);
        // RunAsync leaves the command's final status and counts on it.
        await runner.RunAsync(command, request, _ => { }, null, deadlines.Token).ConfigureAwait(false);

        var (status, details) = deadlines.Interruption("what still ran")
            ?? (command.Status == CommandStatus.Success
                ? (WindowTaskStatus.Success, $"{command.TargetCount} node(s) succeeded.")
                : (WindowTaskStatus.Failed, $"{command.ErrorCount} of {command.TargetCount} node(s) failed."));
        lock (_gate)
        {
            taskRun.ErrorCount = command.ErrorCount;
            SetTask(execution, taskRun, status, details);
        }
    }

    private async Task RunAutomationTaskAsync(MaintenanceWindow window, MaintenanceWindowExecution execution, WindowTaskExecution taskRun, MaintenanceWindowTask task, CancellationToken ct)
    {
        AutomationExecution started;
        IReadOnlyList<ManagedNode> targets;
        try
        {
            targets = ResolveTargets(window, task);
            var request = ScheduledRunbook.Request(task.DocumentName!, task.DocumentVersion, task.Parameters, task.TargetParameterName, targets, task.MaxConcurrency, task.MaxErrors);
            started = new AutomationRunner(_catalog, _pool, _settings).Start(request);
        }
        catch (NodeOpsException ex)
        {
            SetTask(execution, taskRun, WindowTaskStatus.Failed, $"{ex.ErrorId}: {ex.Message}");
            return;
        }
        lock (_gate)
        {
            taskRun.AutomationExecutionId = started.ExecutionId;
            taskRun.AutomationStatus = started.Status.ToString();
            taskRun.TargetCount = targets.Count;
            taskRun.StartTime = _clock.UtcNow;
            taskRun.Status = WindowTaskStatus.InProgress;
            Save(execution);
        }

        using var deadlines = new WindowTaskDeadlines(execution, task, _clock.UtcNow, withTaskTimeout: true, ct);
        AutomationExecution finished;
        try
        {
            finished = await ScheduledRunbook.RunAsync(_catalog, _pool, _settings, started.ExecutionId, deadlines.Token).ConfigureAwait(false);
        }
        catch (NodeOpsException ex)
        {
            SetTask(execution, taskRun, WindowTaskStatus.Failed, $"{ex.ErrorId}: {ex.Message}");
            return;
        }

        if (deadlines.WindowEnded || deadlines.TimedOut)
            finished = ScheduledRunbook.MarkTimedOut(_catalog, finished, deadlines.WindowEnded
                ? $"The maintenance window {window.Name} ended before the runbook did."
                : $"The maintenance window task's timeout ({task.TimeoutSeconds} s) passed before the runbook ended.");
        var (status, details) = deadlines.Interruption($"automation execution {finished.ExecutionId}")
            ?? (finished.Status == AutomationStatus.Success
                ? (WindowTaskStatus.Success, $"Automation execution {finished.ExecutionId} succeeded.")
                : (WindowTaskStatus.Failed, $"Automation execution {finished.ExecutionId} ended {finished.Status}" + (finished.FailureMessage is { } m ? ": " + m : ".")));
        lock (_gate)
        {
            taskRun.AutomationStatus = finished.Status.ToString();
            taskRun.ErrorCount = ScheduledRunbook.PerNode(_catalog, finished, targets).Count(r => r.Execution.Status != AutomationStatus.Success);
            SetTask(execution, taskRun, status, details);
        }
    }

    private CommandRequest BuildRequest(MaintenanceWindow window, MaintenanceWindowTask task)
    {
        var targets = ResolveTargets(window, task);
        DocumentPlan plan;
        CommandKind kind;
        string text;
        if (task.ScriptText is { } script)
        {
            (kind, text, plan) = (CommandKind.PowerShell, script, DocumentPlan.ForPowerShell(script));
        }
        else
        {
            plan = DocumentPlanner.PlanStored(_catalog, task.DocumentName!, task.DocumentVersion, StoredParameters.ToTable(task.Parameters));
            (kind, text) = (CommandKind.Document, plan.Reference);
        }
        var comment = $"Maintenance window {window.Name}: {task.Name ?? task.WindowTaskId}";
        return new CommandRequest
        {
            Kind = kind,
            Text = text,
            Plan = plan,
            Comment = CommandRequest.CommentFrom(comment),
            Targets = targets,
            TargetTags = task.Tags,
            MaxConcurrency = RateLimit.ParseConcurrency(task.MaxConcurrency),
            MaxErrors = RateLimit.ParseErrors(task.MaxErrors),
            TimeoutSeconds = task.TimeoutSeconds,
        };
    }

    /// <summary>A task's nodes: its window targets, node ids and tags; with none of them, all the window's targets.</summary>
    public IReadOnlyList<ManagedNode> ResolveTargets(MaintenanceWindow window, MaintenanceWindowTask task)
    {
        var windowTargets = _catalog.MaintenanceWindows.TargetsOf(window.WindowId);
        var useAll = task.WindowTargetIds.Count == 0 && task.NodeIds.Count == 0 && task.Tags.Count == 0;
        var picked = new Dictionary<string, ManagedNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in windowTargets.Where(t => useAll || task.WindowTargetIds.Contains(t.WindowTargetId)))
            foreach (var n in TargetResolver.Matching(_catalog.Nodes, target.NodeIds, target.Tags)) picked[n.NodeId] = n;
        foreach (var n in TargetResolver.Matching(_catalog.Nodes, task.NodeIds, task.Tags)) picked[n.NodeId] = n;
        if (picked.Count == 0)
            throw new NodeOpsException(ErrorIds.NoTargetsMatched, System.Management.Automation.ErrorCategory.ObjectNotFound, task.WindowTaskId,
                "No managed node matched the task's targets.");
        return picked.Values.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }


    private static WindowExecutionStatus FinalStatus(MaintenanceWindowExecution e, bool cancelled)
    {
        if (e.Tasks.Any(t => t.Status == WindowTaskStatus.TimedOut)) return WindowExecutionStatus.TimedOut;
        if (cancelled) return WindowExecutionStatus.Cancelled;
        if (e.Tasks.Any(t => t.Status is WindowTaskStatus.Failed or WindowTaskStatus.Interrupted or WindowTaskStatus.Cancelled)) return WindowExecutionStatus.Failed;
        return WindowExecutionStatus.Success;
    }

    private static string Summary(MaintenanceWindowExecution e) =>
        string.Join(", ", e.Tasks.GroupBy(t => t.Status).Select(g => $"{g.Count()} {g.Key}"));

    private void SetTask(MaintenanceWindowExecution execution, WindowTaskExecution task, WindowTaskStatus status, string details)
    {
        lock (_gate)
        {
            task.Status = status;
            task.StatusDetails = details;
            task.EndTime = _clock.UtcNow;
            Save(execution);
        }
    }

    private void Save(MaintenanceWindowExecution execution)
    {
        execution.HeartbeatAt = DateTime.UtcNow;
        _catalog.MaintenanceWindows.UpdateExecution(execution);
    }

    private async Task BeatAsync(MaintenanceWindowExecution execution, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatInterval, ct).ConfigureAwait(false);
                try
                {
                    lock (_gate) Save(execution);
                }
                catch (NodeOpsException) { /* the catalog is busy; the next beat tries again */ }
            }
        }
        catch (OperationCanceledException) { }
    }
}

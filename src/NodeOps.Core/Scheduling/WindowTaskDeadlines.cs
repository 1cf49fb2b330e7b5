using NodeOps.Core.Models;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// What may stop a running maintenance-window task: the window's end, its cutoff (CANCEL_TASK only), the task's own
/// timeout (runbooks), or the scheduler stopping. <see cref="Token"/> fires on the first; <see cref="Interruption"/>
/// says which one did, as the task's status and reason.
/// </summary>
internal sealed class WindowTaskDeadlines : IDisposable
{
    private readonly CancellationToken _stopped;
    private readonly CancellationTokenSource _windowEnd;
    private readonly CancellationTokenSource _cutoff;
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly int _timeoutSeconds;

    public WindowTaskDeadlines(MaintenanceWindowExecution execution, MaintenanceWindowTask task, DateTime now, bool withTaskTimeout, CancellationToken stopped)
    {
        _stopped = stopped;
        _windowEnd = new CancellationTokenSource(Positive(execution.WindowEnd - now));
        _cutoff = task.CutoffBehavior == CutoffBehavior.CANCEL_TASK ? new CancellationTokenSource(Positive(execution.CutoffTime - now)) : new CancellationTokenSource();
        _timeoutSeconds = task.TimeoutSeconds;
        _timeout = withTaskTimeout ? new CancellationTokenSource(TimeSpan.FromSeconds(task.TimeoutSeconds)) : null;
        _linked = _timeout is null
            ? CancellationTokenSource.CreateLinkedTokenSource(stopped, _windowEnd.Token, _cutoff.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(stopped, _windowEnd.Token, _cutoff.Token, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool WindowEnded => _windowEnd.IsCancellationRequested && !_stopped.IsCancellationRequested;

    public bool TimedOut => _timeout is { IsCancellationRequested: true } && !_stopped.IsCancellationRequested;

    /// <summary>The status and reason when a deadline (or the scheduler stopping) ended the task; null when none did.</summary>
    public (WindowTaskStatus Status, string Details)? Interruption(string whatWasCancelled)
    {
        if (WindowEnded)
            return (WindowTaskStatus.TimedOut, $"The window ended while the task was running; {whatWasCancelled} was cancelled.");
        if (_cutoff.IsCancellationRequested && !_stopped.IsCancellationRequested)
            return (WindowTaskStatus.Cancelled, $"Cancelled at the window's cutoff time (CANCEL_TASK); {whatWasCancelled} was cancelled.");
        if (TimedOut)
            return (WindowTaskStatus.TimedOut, $"The task's timeout ({_timeoutSeconds} s) passed; {whatWasCancelled} was cancelled.");
        if (_stopped.IsCancellationRequested)
            return (WindowTaskStatus.Cancelled, "The scheduler was stopped.");
        return null;
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeout?.Dispose();
        _cutoff.Dispose();
        _windowEnd.Dispose();
    }

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.FromMilliseconds(1) ? t : TimeSpan.FromMilliseconds(1);
}

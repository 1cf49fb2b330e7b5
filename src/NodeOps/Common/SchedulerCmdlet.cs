using System.Management.Automation;
using NodeOps.Core.Scheduling;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>What the scheduler cmdlets share: the scheduler over this call's catalog, and Ctrl+C.</summary>
public abstract class SchedulerCmdlet : NodeOpsCmdlet
{
    /// <summary>Run even where a named change calendar is closed (an emergency; the call is audited with this switch).</summary>
    [Parameter] public SwitchParameter IgnoreChangeCalendar { get; set; }

    [Parameter] [ValidateRange(1, 600)] public int ConnectTimeoutSeconds { get; set; } = 15;

    private PipelinePump? _pump;

    protected NodeOpsScheduler CreateScheduler() => new(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(ConnectTimeoutSeconds), null,
        new SchedulerOptions { IgnoreChangeCalendar = IgnoreChangeCalendar });

    /// <summary>Runs scheduler work on a background thread, writing what it posts from the pipeline thread.</summary>
    protected void Pump(Func<Action<object>, CancellationToken, Task> work)
    {
        using var pump = _pump = new PipelinePump();
        pump.Run(ct => work(pump.Post, ct), item =>
        {
            if (item is WarningRecord w) WriteWarning(w.Message);
            else WriteObject(item);
        });
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _pump?.Cancel();
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Runs the scheduler in the foreground (for a service): a pass every interval until Ctrl+C.</summary>
[Cmdlet(VerbsLifecycle.Start, "NodeOpsScheduler", SupportsShouldProcess = true)]
[OutputType(typeof(MaintenanceWindowExecution), typeof(NodeAssociationRun), typeof(AutomationExecution))]
public sealed class StartNodeOpsSchedulerCommand : SchedulerCmdlet
{
    /// <summary>Seconds between passes (default 30).</summary>
    [Parameter] [ValidateRange(1, 3600)] public int IntervalSeconds { get; set; } = 30;

    protected override void EndProcessing()
    {
        if (!ShouldProcess(Catalog.Path, "Run the scheduler until stopped")) return;
        var scheduler = Guard(CreateScheduler);
        Pump((post, ct) => scheduler.RunAsync(TimeSpan.FromSeconds(IntervalSeconds),
            w => post(scheduler.Reload(w)), text => post(new WarningRecord(text)), ct));
    }
}

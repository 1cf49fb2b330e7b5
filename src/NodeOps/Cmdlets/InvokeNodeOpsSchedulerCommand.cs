using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// One scheduler pass: resumes interrupted windows that are still open and orphaned runbook executions, starts due
/// window executions, association runs and the runbooks of fired compliance triggers, applies associations to new
/// nodes, and waits for what it started. For cron, a systemd
/// timer or Task Scheduler (see Register-NodeOpsSchedulerTask).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "NodeOpsScheduler", SupportsShouldProcess = true)]
[OutputType(typeof(MaintenanceWindowExecution), typeof(NodeAssociationRun), typeof(AutomationExecution))]
public sealed class InvokeNodeOpsSchedulerCommand : SchedulerCmdlet
{
    /// <summary>One pass (what this cmdlet always does; the switch says so in scripts and unit files).</summary>
    [Parameter] public SwitchParameter Once { get; set; }

    protected override void EndProcessing()
    {
        if (!ShouldProcess(Catalog.Path, "Run one scheduler pass")) return;
        var scheduler = Guard(CreateScheduler);
        Pump(async (post, ct) =>
        {
            var work = await scheduler.RunOnceAsync(ct).ConfigureAwait(false);
            foreach (var w in work) post(scheduler.Reload(w));
        });
    }
}

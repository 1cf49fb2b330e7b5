using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Automation;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>Cancels an execution from any process: the process running it stops within a second (onCancel steps run); one no process runs is cancelled at once.</summary>
[Cmdlet(VerbsLifecycle.Stop, "NodeAutomation", SupportsShouldProcess = true)]
[OutputType(typeof(AutomationExecution))]
public sealed class StopNodeAutomationCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AutomationExecutionIdCompleter))]
    public string[] ExecutionId { get; set; } = Array.Empty<string>();

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in ExecutionId)
            ForEachItem(() =>
            {
                if (!ShouldProcess(id, "Stop automation")) return;
                var e = new AutomationRunner(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(null)).RequestCancel(id);
                if (PassThru) WriteObject(e);
                else NoteResult(id);
            });
    }
}

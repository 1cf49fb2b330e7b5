using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes a task from a maintenance window.</summary>
[Cmdlet(VerbsLifecycle.Unregister, "MaintenanceWindowTask", SupportsShouldProcess = true)]
public sealed class UnregisterMaintenanceWindowTaskCommand : NodeOpsCmdlet
{
    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string WindowTaskId { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var window = Catalog.MaintenanceWindows.Get(WindowId);
        if (!ShouldProcess($"{WindowTaskId} of {window.Name}", "Unregister maintenance window task")) return;
        Catalog.MaintenanceWindows.RemoveTask(window.WindowId, WindowTaskId);
        NoteResult(WindowTaskId);
    });
}

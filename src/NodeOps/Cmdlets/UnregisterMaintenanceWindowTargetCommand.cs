using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes a target from a maintenance window (and from the tasks that named it).</summary>
[Cmdlet(VerbsLifecycle.Unregister, "MaintenanceWindowTarget", SupportsShouldProcess = true)]
public sealed class UnregisterMaintenanceWindowTargetCommand : NodeOpsCmdlet
{
    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string WindowTargetId { get; set; } = "";

    /// <summary>Refuse when a task still uses the target (SSM's Safe).</summary>
    [Parameter] public SwitchParameter Safe { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var window = Catalog.MaintenanceWindows.Get(WindowId);
        if (!ShouldProcess($"{WindowTargetId} of {window.Name}", "Unregister maintenance window target")) return;
        Catalog.MaintenanceWindows.RemoveTarget(window.WindowId, WindowTargetId, Safe);
        NoteResult(WindowTargetId);
    });
}

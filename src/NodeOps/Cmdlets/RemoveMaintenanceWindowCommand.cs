using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes maintenance windows with their targets and tasks (their execution history stays).</summary>
[Cmdlet(VerbsCommon.Remove, "MaintenanceWindow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveMaintenanceWindowCommand : NodeOpsCmdlet
{
    /// <summary>Window ids or names.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string[] WindowId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in WindowId)
            ForEachItem(() =>
            {
                var w = Catalog.MaintenanceWindows.Get(id);
                if (!ShouldProcess($"{w.Name} ({w.WindowId})", "Remove maintenance window")) return;
                Catalog.MaintenanceWindows.Remove(w.WindowId);
                NoteResult(w.WindowId);
            });
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists the tasks registered with a maintenance window, in the order they run.</summary>
[Cmdlet(VerbsCommon.Get, "MaintenanceWindowTask")]
[OutputType(typeof(MaintenanceWindowTask))]
public sealed class GetMaintenanceWindowTaskCommand : NodeOpsCmdlet
{
    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
        WriteObject(Catalog.MaintenanceWindows.TasksOf(Catalog.MaintenanceWindows.Get(WindowId).WindowId), enumerateCollection: true));
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists the targets registered with a maintenance window.</summary>
[Cmdlet(VerbsCommon.Get, "MaintenanceWindowTarget")]
[OutputType(typeof(MaintenanceWindowTarget))]
public sealed class GetMaintenanceWindowTargetCommand : NodeOpsCmdlet
{
    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
        WriteObject(Catalog.MaintenanceWindows.TargetsOf(Catalog.MaintenanceWindows.Get(WindowId).WindowId), enumerateCollection: true));
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>The history of maintenance window executions: per task, and with -Detail per node.</summary>
[Cmdlet(VerbsCommon.Get, "MaintenanceWindowExecution", DefaultParameterSetName = WindowSet)]
[OutputType(typeof(MaintenanceWindowExecution))]
public sealed class GetMaintenanceWindowExecutionCommand : NodeOpsCmdlet
{
    private const string WindowSet = "Window", IdSet = "ExecutionId";

    /// <summary>The window's id or name; all windows when left out.</summary>
    [Parameter(ParameterSetName = WindowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string? WindowId { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string[] ExecutionId { get; set; } = Array.Empty<string>();

    /// <summary>Only the most recent N executions.</summary>
    [Parameter(ParameterSetName = WindowSet)] [ValidateRange(1, int.MaxValue)] public int? First { get; set; }

    /// <summary>Fill each task's Invocations: the per-node results of its Run Command.</summary>
    [Parameter] public SwitchParameter Detail { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var executions = ParameterSetName == IdSet
            ? ExecutionId.Select(Catalog.MaintenanceWindows.GetExecution).ToList()
            : Catalog.MaintenanceWindows.ExecutionsOf(WindowId is null ? null : Catalog.MaintenanceWindows.Get(WindowId).WindowId, First);
        foreach (var e in executions)
        {
            if (Detail)
                foreach (var t in e.Tasks.Where(t => t.CommandId is not null))
                    t.Invocations = Catalog.Commands.InvocationsOf(t.CommandId!);
            WriteObject(e);
        }
    });
}

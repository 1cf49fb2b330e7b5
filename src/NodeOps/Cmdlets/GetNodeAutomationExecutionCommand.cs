using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Automation executions, newest first, with their step records (inputs with secrets masked, outputs, attempts, timings).</summary>
[Cmdlet(VerbsCommon.Get, "NodeAutomationExecution", DefaultParameterSetName = "Query")]
[OutputType(typeof(AutomationExecution), typeof(AutomationStepExecution))]
public sealed class GetNodeAutomationExecutionCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id", Mandatory = true)]
    [ArgumentCompleter(typeof(AutomationExecutionIdCompleter))]
    public string[] ExecutionId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = "Query")] public AutomationStatus[]? Status { get; set; }

    [Parameter(ParameterSetName = "Query")]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string? DocumentName { get; set; }

    /// <summary>The child executions of a rate-controlled or nesting execution (otherwise only top-level ones are listed).</summary>
    [Parameter(ParameterSetName = "Query")]
    [ArgumentCompleter(typeof(AutomationExecutionIdCompleter))]
    public string? ParentExecutionId { get; set; }

    [Parameter(ParameterSetName = "Query")]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    /// <summary>Writes the step records instead of the executions.</summary>
    [Parameter] public SwitchParameter Step { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Id")
        {
            foreach (var id in ExecutionId) ForEachItem(() => Write(Catalog.Automation.Get(id)));
            return;
        }
        ForEachItem(() =>
        {
            foreach (var e in Catalog.Automation.Query(Status, DocumentName, ParentExecutionId, topLevelOnly: true, First)) Write(e);
        });
    }

    private void Write(AutomationExecution e)
    {
        if (Step) WriteObject(e.Steps, enumerateCollection: true);
        else WriteObject(e);
    }
}

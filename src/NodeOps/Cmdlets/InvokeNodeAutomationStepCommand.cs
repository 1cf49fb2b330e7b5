using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Interactive mode: runs the next step of an execution started with -Mode Interactive (or the named step), commits it, and stops.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "NodeAutomationStep", SupportsShouldProcess = true)]
[OutputType(typeof(AutomationStepExecution))]
public sealed class InvokeNodeAutomationStepCommand : AutomationCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AutomationExecutionIdCompleter))]
    public string ExecutionId { get; set; } = "";

    /// <summary>The step to run instead of the next one (SSM's StartStepExecution with a step name).</summary>
    [Parameter(Position = 1)]
    public string? StepName { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(ExecutionId, StepName is null ? "Run the next automation step" : $"Run automation step '{StepName}'")) return;
        var before = Guard(() => Catalog.Automation.Get(ExecutionId, withSteps: false)).CurrentSequence;
        var runner = Runner;
        AutomationExecution? after = null;
        RunStep(runner, r => after = r);
        if (after is null) return;
        foreach (var s in after.Steps.Where(s => s.Sequence >= before)) WriteObject(s);
    }

    private void RunStep(Core.Automation.AutomationRunner runner, Action<AutomationExecution> done) =>
        Guard(() => done(runner.InvokeStepAsync(ExecutionId, StepName, CancellationToken.None).GetAwaiter().GetResult()));
}

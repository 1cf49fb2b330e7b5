using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Automation;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Continues an execution: one held at aws:pause goes on, and one whose process ended is taken over and
/// continued from the interrupted step (completed steps are not run again). -Pending takes over every
/// execution whose process ended.
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "NodeAutomation", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(AutomationExecution))]
public sealed class ResumeNodeAutomationCommand : AutomationCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(AutomationExecutionIdCompleter))]
    public string ExecutionId { get; set; } = "";

    /// <summary>Every execution whose process ended (what a scheduler's pass does).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Pending")]
    public SwitchParameter Pending { get; set; }

    [Parameter] public SwitchParameter Wait { get; set; }

    protected override void ProcessRecord()
    {
        var ids = Pending ? Guard(() => Runner.ResumePending()) : new[] { ExecutionId };
        foreach (var id in ids)
            ForEachItem(() =>
            {
                if (!ShouldProcess(id, "Resume automation")) return;
                var runner = Runner;
                var execution = Catalog.Automation.Get(id);
                if (execution.IsFinished)
                    throw new Core.Errors.NodeOpsException(Core.Errors.ErrorIds.AutomationExecutionFinished, ErrorCategory.InvalidOperation, id, $"Execution {id} has already ended ({execution.Status}).");
                var current = execution.Steps.LastOrDefault(s => s.Sequence == execution.CurrentSequence);
                if (current is { Status: AutomationStepStatus.Waiting } && RunbookActions.For(current.Action) == RunbookAction.Pause)
                    runner.RequestResume(id);
                if (AutomationRunner.IsRunningElsewhere(execution))
                {
                    WriteObject(Catalog.Automation.Get(id));
                    return;
                }
                if (Wait) RunInForeground(id, (r, ct, onStep) => r.RunAsync(id, ct, onStep));
                else
                {
                    RunInBackground(id);
                    WriteObject(Catalog.Automation.Get(id));
                }
            });
    }
}

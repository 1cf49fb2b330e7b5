using System.Management.Automation;
using NodeOps.Core.Automation;
using NodeOps.Core.Models;

namespace NodeOps.Common;

/// <summary>Approve-NodeAutomation and Deny-NodeAutomation: one decision by this OS user on the aws:approve step an execution waits at.</summary>
public abstract class AutomationDecisionCmdlet : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AutomationExecutionIdCompleter))]
    public string[] ExecutionId { get; set; } = Array.Empty<string>();

    [Parameter(Position = 1)]
    [ValidateLength(0, 512)]
    public string? Comment { get; set; }

    protected abstract ApprovalDecision Decision { get; }

    protected override void ProcessRecord()
    {
        foreach (var id in ExecutionId)
            ForEachItem(() =>
            {
                if (!ShouldProcess(id, Decision == ApprovalDecision.Approved ? "Approve automation step" : "Deny automation step")) return;
                WriteObject(Catalog.Automation.Decide(id, Decision, Comment, approvers => ApproverIdentity.IsApprover(approvers)));
            });
    }
}

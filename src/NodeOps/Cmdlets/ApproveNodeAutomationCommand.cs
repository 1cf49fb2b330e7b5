using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Approves the aws:approve step an execution waits at, as this OS user; from any process using the catalog.</summary>
[Cmdlet(VerbsLifecycle.Approve, "NodeAutomation", SupportsShouldProcess = true)]
[OutputType(typeof(AutomationApproval))]
public sealed class ApproveNodeAutomationCommand : AutomationDecisionCmdlet
{
    protected override ApprovalDecision Decision => ApprovalDecision.Approved;
}

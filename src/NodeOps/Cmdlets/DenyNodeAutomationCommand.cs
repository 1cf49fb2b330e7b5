using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Denies the aws:approve step an execution waits at: the step fails and the runbook follows its onFailure.</summary>
[Cmdlet(VerbsLifecycle.Deny, "NodeAutomation", SupportsShouldProcess = true)]
[OutputType(typeof(AutomationApproval))]
public sealed class DenyNodeAutomationCommand : AutomationDecisionCmdlet
{
    protected override ApprovalDecision Decision => ApprovalDecision.Denied;
}

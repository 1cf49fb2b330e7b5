using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Scans nodes against their patch baseline by running the built-in NodeOps-RunPatchBaseline document with
/// Operation=Scan (same targets, rate control and history as Invoke-NodeCommand). Nothing is installed;
/// each node's compliance lands in the catalog (Get-PatchCompliance).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PatchScan", SupportsShouldProcess = true)]
[OutputType(typeof(NodeCommandInvocation), typeof(NodeCommand), typeof(NodeCommandJob))]
public sealed class InvokePatchScanCommand : FanOutCmdlet
{
    protected override string Activity => "Scan for patches";

    protected override (CommandKind, string, DocumentPlan) Describe() =>
        StoredDocument("NodeOps-RunPatchBaseline", null, new Hashtable { ["Operation"] = "Scan", ["RebootOption"] = "NoReboot" });
}

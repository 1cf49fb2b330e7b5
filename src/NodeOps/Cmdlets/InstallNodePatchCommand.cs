using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Installs the updates each node's baseline approves and it misses (exact versions; rejected packages never),
/// records each package's version before and after, and with RebootIfNeeded reboots a node that needs it,
/// waits for it to come back and scans it again. Runs the built-in NodeOps-RunPatchBaseline with Operation=Install.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "NodePatch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(NodeCommandInvocation), typeof(NodeCommand), typeof(NodeCommandJob))]
public sealed class InstallNodePatchCommand : FanOutCmdlet
{
    /// <summary>RebootIfNeeded (default) reboots a node whose install needs it; NoReboot leaves it InstalledPendingReboot.</summary>
    [Parameter] [ValidateSet("RebootIfNeeded", "NoReboot")] public string RebootOption { get; set; } = "RebootIfNeeded";

    protected override string Activity => $"Install approved patches ({RebootOption})";

    protected override (CommandKind, string, DocumentPlan) Describe() =>
        StoredDocument("NodeOps-RunPatchBaseline", null, new Hashtable { ["Operation"] = "Install", ["RebootOption"] = RebootOption });
}

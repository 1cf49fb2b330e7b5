using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Nodes tagged PatchGroup=&lt;group&gt; use this baseline for its operating system (one baseline per group and OS).</summary>
[Cmdlet(VerbsLifecycle.Register, "PatchBaselineForPatchGroup", SupportsShouldProcess = true)]
[OutputType(typeof(PatchBaseline))]
public sealed class RegisterPatchBaselineForPatchGroupCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PatchBaselineCompleter))]
    public string BaselineId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PatchGroupCompleter))]
    public string PatchGroup { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var b = Catalog.PatchBaselines.Get(BaselineId);
        if (ShouldProcess($"{b.Name} ({b.BaselineId})", $"Register for patch group '{PatchGroup}'"))
            WriteObject(Catalog.PatchBaselines.RegisterPatchGroup(b.BaselineId, PatchGroup));
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Changes a patch baseline; fields not given keep their value.</summary>
[Cmdlet(VerbsCommon.Set, "PatchBaseline", SupportsShouldProcess = true)]
[OutputType(typeof(PatchBaseline))]
public sealed class SetPatchBaselineCommand : PatchBaselineCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PatchBaselineCompleter))]
    public string BaselineId { get; set; } = "";

    /// <summary>A new name for the baseline.</summary>
    [Parameter] public string? NewName { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var current = Catalog.PatchBaselines.Get(BaselineId);
        if (!ShouldProcess($"{current.Name} ({current.BaselineId})", "Change patch baseline")) return;
        WriteObject(Catalog.PatchBaselines.Update(current.BaselineId, b =>
        {
            if (NewName is not null) b.Name = NewName;
            Apply(b);
        }));
    });
}

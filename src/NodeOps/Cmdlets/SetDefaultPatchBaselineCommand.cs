using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Makes a baseline the default of its operating system (nodes without a registered patch group use it).</summary>
[Cmdlet(VerbsCommon.Set, "DefaultPatchBaseline", SupportsShouldProcess = true)]
[OutputType(typeof(PatchBaseline))]
public sealed class SetDefaultPatchBaselineCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PatchBaselineCompleter))]
    public string BaselineId { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var b = Catalog.PatchBaselines.Get(BaselineId);
        if (ShouldProcess($"{b.Name} ({b.BaselineId})", $"Make the default {b.OperatingSystem} baseline"))
            WriteObject(Catalog.PatchBaselines.SetDefault(b.BaselineId));
    });
}

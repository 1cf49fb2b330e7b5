using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Creates a patch baseline for one operating system.</summary>
[Cmdlet(VerbsCommon.New, "PatchBaseline", SupportsShouldProcess = true)]
[OutputType(typeof(PatchBaseline))]
public sealed class NewPatchBaselineCommand : PatchBaselineCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public PatchOperatingSystem OperatingSystem { get; set; }

    /// <summary>Nodes tagged PatchGroup=&lt;value&gt; use this baseline.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PatchGroupCompleter))]
    public string[]? PatchGroup { get; set; }

    /// <summary>Make it the default baseline of its operating system.</summary>
    [Parameter] public SwitchParameter Default { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var b = new PatchBaseline { Name = Name, OperatingSystem = OperatingSystem, PatchGroups = PatchGroup?.ToList() ?? new() };
        Apply(b);
        if (!ShouldProcess(Name, $"Create {OperatingSystem} patch baseline")) return;
        WriteObject(Catalog.PatchBaselines.Create(b, Default));
    });
}

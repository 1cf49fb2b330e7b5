using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes patch baselines (and their patch group registrations); a default baseline cannot be removed.</summary>
[Cmdlet(VerbsCommon.Remove, "PatchBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemovePatchBaselineCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PatchBaselineCompleter))]
    public string[] BaselineId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in BaselineId)
            ForEachItem(() =>
            {
                var b = Catalog.PatchBaselines.Get(id);
                if (ShouldProcess($"{b.Name} ({b.BaselineId})", "Remove patch baseline")) Catalog.PatchBaselines.Remove(b.BaselineId);
            });
    }
}

using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes associations with their per-node status and run history (Run Command history stays).</summary>
[Cmdlet(VerbsCommon.Remove, "NodeAssociation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveNodeAssociationCommand : NodeOpsCmdlet
{
    /// <summary>Association ids or names.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AssociationCompleter))]
    public string[] AssociationId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in AssociationId)
            ForEachItem(() =>
            {
                var a = Catalog.Associations.Get(id);
                if (!ShouldProcess($"{a.DisplayName} ({a.AssociationId})", "Remove association")) return;
                Catalog.Associations.Remove(a.AssociationId);
                NoteResult(a.AssociationId);
            });
    }
}

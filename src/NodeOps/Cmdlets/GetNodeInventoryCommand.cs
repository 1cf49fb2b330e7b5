using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Inventory rows of one type across the fleet (or chosen nodes), filtered with a script block, each with its node id.</summary>
[Cmdlet(VerbsCommon.Get, "NodeInventory")]
[OutputType(typeof(PSObject))]
public sealed class GetNodeInventoryCommand : InventoryQueryCmdlet
{
    protected override void EndProcessing() => Guard(() =>
    {
        foreach (var (_, view) in Query()) WriteObject(view);
    });
}

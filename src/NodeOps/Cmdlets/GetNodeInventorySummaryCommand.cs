using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Inventory;

namespace NodeOps.Cmdlets;

/// <summary>Counts nodes per value across the fleet: by OS, by package version, by service state, or any property.</summary>
[Cmdlet(VerbsCommon.Get, "NodeInventorySummary")]
[OutputType(typeof(PSObject))]
public sealed class GetNodeInventorySummaryCommand : InventoryQueryCmdlet
{
    public const string SummaryTypeName = "NodeOps.InventorySummary";

    /// <summary>The properties to group by; by default PlatformName, PlatformVersion for NodeInformation, Name, Version for Application.</summary>
    [Parameter] public string[]? GroupBy { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var groupBy = GroupBy is { Length: > 0 } ? GroupBy : InventorySummary.DefaultGroupBy(InventoryRows.Canonical(TypeName));
        foreach (var group in InventorySummary.Group(Query().Select(r => r.Row), groupBy, InventoryRows.Canonical(TypeName)))
        {
            var o = new PSObject();
            o.TypeNames.Insert(0, SummaryTypeName);
            for (var i = 0; i < groupBy.Count; i++) o.Properties.Add(new PSNoteProperty(groupBy[i], group.Values[i]));
            o.Properties.Add(new PSNoteProperty("NodeCount", group.NodeCount));
            o.Properties.Add(new PSNoteProperty("RowCount", group.RowCount));
            o.Properties.Add(new PSNoteProperty("NodeIds", group.NodeIds.ToArray()));
            var shown = groupBy.Append("NodeCount").Append("NodeIds").ToArray();
            o.Members.Add(new PSMemberSet("PSStandardMembers", new PSMemberInfo[] { new PSPropertySet("DefaultDisplayPropertySet", shown) }));
            WriteObject(o);
        }
    });
}

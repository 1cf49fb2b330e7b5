using System.Management.Automation;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;

namespace NodeOps.Common;

/// <summary>
/// What the inventory readers share (Get-NodeInventory, Get-NodeInventorySummary, Export-NodeInventory):
/// one type, a filter script block, and the nodes by id, name, pipeline or tag (all nodes when none are given).
/// </summary>
public abstract class InventoryQueryCmdlet : NodeOpsCmdlet
{
    /// <summary>Application, Service, Network, File, WindowsUpdate, NodeInformation (or SSM's AWS:* names), or a Custom: type.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(InventoryTypeCompleter))]
    public string TypeName { get; set; } = "";

    /// <summary>e.g. { Name -like 'openssl*' -and Version -lt '3.0.8' }; Version compares as a dpkg/rpm/Windows version.</summary>
    [Parameter(Position = 1)]
    public ScriptBlock? Filter { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public string[]? Tag { get; set; }

    private readonly TargetCollector _targets = new();

    protected override void ProcessRecord() => _targets.Add(NodeId);

    /// <summary>The matching rows, each with its typed view (NodeId, NodeName, TypeName, values, CapturedAt).</summary>
    protected IEnumerable<(InventoryEntry Row, PSObject View)> Query()
    {
        var nodes = _targets.IsEmpty && Tag is null ? null : _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false).Select(n => n.NodeId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = Catalog.Nodes.All().ToDictionary(n => n.NodeId, n => n.Name, StringComparer.OrdinalIgnoreCase);
        var compiled = Filter is null ? InventoryFilter.All : InventoryFilter.TryCompile(Filter);
        var script = Filter is null || compiled is not null ? null : InventoryFilter.AsScript(Filter);
        foreach (var row in Catalog.Inventory.Find(InventoryRows.Canonical(TypeName), compiled?.NameEquals, compiled?.NamePrefix, nodes))
        {
            if (compiled is not null)
            {
                if (compiled.Predicate(row)) yield return (row, InventoryRowView.Create(row, names));
                continue;
            }
            // A filter beyond simple comparisons runs as PowerShell, with $_ as the row.
            var view = InventoryRowView.Create(row, names);
            if (LanguagePrimitives.IsTrue(script!.InvokeWithContext(null, new List<PSVariable> { new("_", view) }).FirstOrDefault())) yield return (row, view);
        }
    }
}

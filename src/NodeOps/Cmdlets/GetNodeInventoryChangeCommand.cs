using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>What changed between inventory collections (drift): rows added, removed or changed, oldest first.</summary>
[Cmdlet(VerbsCommon.Get, "NodeInventoryChange")]
[OutputType(typeof(InventoryChange))]
public sealed class GetNodeInventoryChangeCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0)] public DateTime Since { get; set; } = DateTime.UtcNow.AddDays(-7);

    [Parameter]
    [ArgumentCompleter(typeof(InventoryTypeCompleter))]
    public string? TypeName { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    private readonly TargetCollector _targets = new();

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing() => Guard(() =>
    {
        var nodes = _targets.IsEmpty ? null : _targets.Resolve(Catalog.Nodes, null, allWhenEmpty: false).Select(n => n.NodeId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Catalog.Inventory.ChangesSince(Since, TypeName is null ? null : InventoryRows.Canonical(TypeName), nodes)) WriteObject(c);
    });
}

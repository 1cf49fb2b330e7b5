using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Stores custom inventory for nodes (SSM's put-inventory): rows of a Custom: type replace the node's earlier
/// rows of that type, and what changed is recorded like any other inventory drift.
/// </summary>
[Cmdlet(VerbsCommon.Set, "NodeInventory", SupportsShouldProcess = true)]
[OutputType(typeof(InventoryChange))]
public sealed class SetNodeInventoryCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[] NodeId { get; set; } = Array.Empty<string>();

    /// <summary>Custom:Name, e.g. Custom:AppConfig.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(InventoryTypeCompleter))]
    public string TypeName { get; set; } = "";

    /// <summary>The rows: hashtables or objects, all with the same attribute names. An empty list clears the node's rows.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [AllowEmptyCollection]
    public object[] Content { get; set; } = Array.Empty<object>();

    /// <summary>Make these rows' attribute names the type's schema, replacing the one set by its first write.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Write the changes found (rows added, removed or changed).</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    private IReadOnlyList<Dictionary<string, string>> _rows = Array.Empty<Dictionary<string, string>>();

    protected override void BeginProcessing() => Guard(() =>
    {
        CustomInventory.ValidateTypeName(TypeName);
        _rows = CustomInventory.ReadRows(TypeName, Content);
    });

    protected override void ProcessRecord()
    {
        foreach (var id in NodeId)
            ForEachItem(() =>
            {
                var node = Catalog.Nodes.Resolve(id);
                if (!ShouldProcess($"{node.NodeId} ({node.Name})", $"Set {_rows.Count} {TypeName} inventory row(s)")) return;
                var changes = Catalog.Inventory.StoreCustom(node.NodeId, TypeName, _rows, Force, DateTime.UtcNow);
                if (PassThru) WriteObject(changes, enumerateCollection: true);
            });
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Compliance;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Records custom compliance for nodes (SSM's put-compliance-items): the items given replace the node's earlier
/// items of that Custom: type, in one transaction. An empty list clears them.
/// </summary>
[Cmdlet(VerbsCommon.Set, "NodeComplianceItem", SupportsShouldProcess = true)]
[OutputType(typeof(ComplianceItem))]
public sealed class SetNodeComplianceItemCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[] NodeId { get; set; } = Array.Empty<string>();

    /// <summary>Custom:NAME, e.g. Custom:Backups.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("ComplianceType")]
    [ArgumentCompleter(typeof(ComplianceTypeCompleter))]
    public string Type { get; set; } = "";

    /// <summary>Hashtables or objects with Id, Title, Status (Compliant/NonCompliant) or Passed, Severity and Details.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [AllowEmptyCollection]
    public object[] Item { get; set; } = Array.Empty<object>();

    /// <summary>The run these items come from; a new id when not given.</summary>
    [Parameter] [ValidateLength(1, 256)] public string? ExecutionId { get; set; }

    /// <summary>When the run happened (default now); kept as UTC.</summary>
    [Parameter] public DateTime? ExecutedAt { get; set; }

    /// <summary>Complete (default): the items replace the node's items of the type. Partial: only these items are added or replaced.</summary>
    [Parameter] public ComplianceUploadType UploadType { get; set; } = ComplianceUploadType.Complete;

    [Parameter] public SwitchParameter PassThru { get; set; }

    private string _type = "";
    private IReadOnlyList<ComplianceItemInput> _items = Array.Empty<ComplianceItemInput>();
    private string _executionId = "";

    protected override void BeginProcessing() => Guard(() =>
    {
        _type = ComplianceRules.NormalizeCustomType(Type);
        _items = ComplianceRules.ReadItems(Item);
        _executionId = ExecutionId ?? "custom-" + Guid.NewGuid().ToString("N")[..12];
    });

    protected override void ProcessRecord()
    {
        foreach (var id in NodeId)
            ForEachItem(() =>
            {
                var node = Catalog.Nodes.Resolve(id);
                if (!ShouldProcess($"{node.NodeId} ({node.Name})", $"Set {_items.Count} {_type} compliance item(s)")) return;
                var stored = Catalog.Compliance.ReplaceItems(node.NodeId, _type, _items, _executionId, ExecutedAt ?? DateTime.UtcNow, UploadType);
                foreach (var s in stored) s.NodeName = node.Name;
                if (PassThru) WriteObject(stored, enumerateCollection: true);
                else NoteResult($"{node.NodeId}|{_type}");
            });
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Association compliance per node: Compliant or NonCompliant, with the last run's status.</summary>
[Cmdlet(VerbsCommon.Get, "NodeAssociationStatus")]
[OutputType(typeof(NodeAssociationStatus))]
public sealed class GetNodeAssociationStatusCommand : NodeOpsCmdlet
{
    /// <summary>An association id or name; all associations when left out.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AssociationCompleter))]
    public string? AssociationId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string? NodeId { get; set; }

    [Parameter] public ComplianceStatus? ComplianceStatus { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var associationId = AssociationId is null ? null : Catalog.Associations.Get(AssociationId).AssociationId;
        var nodeId = NodeId is null ? null : Catalog.Nodes.Resolve(NodeId).NodeId;
        foreach (var s in Catalog.Associations.StatusOf(associationId, nodeId).Where(s => ComplianceStatus is null || s.ComplianceStatus == ComplianceStatus))
            WriteObject(s);
    });
}

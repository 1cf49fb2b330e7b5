using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Compliance;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Counts compliance across the fleet: per type, items by status and non-compliant items by severity; with
/// -PerNode, one row per node (nodes that never reported included, as NotReported), non-compliant first.
/// </summary>
[Cmdlet(VerbsCommon.Get, "NodeComplianceSummary", DefaultParameterSetName = "ByType")]
[OutputType(typeof(ComplianceTypeSummary), ParameterSetName = new[] { "ByType" })]
[OutputType(typeof(NodeComplianceSummary), ParameterSetName = new[] { "PerNode" })]
public sealed class GetNodeComplianceSummaryCommand : ComplianceQueryCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = "PerNode")] public SwitchParameter PerNode { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var (items, nodes) = BuildQuery().Run(Catalog);
        if (PerNode) WriteObject(ComplianceSummarizer.PerNode(items, nodes), enumerateCollection: true);
        else WriteObject(ComplianceSummarizer.ByType(items), enumerateCollection: true);
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.FleetViews;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>The processes running on one or many nodes, read live.</summary>
[Cmdlet(VerbsCommon.Get, "NodeProcess")]
[OutputType(typeof(NodeProcess))]
public sealed class GetNodeProcessCommand : FleetViewCmdlet
{
    /// <summary>Process names to return (wildcards); all processes when omitted.</summary>
    [Parameter] [SupportsWildcards] public string[]? Name { get; set; }

    protected override void EndProcessing() =>
        RunOnTargets(FleetViewScripts.Processes, new Dictionary<string, object?> { ["Name"] = Name },
            r => { foreach (var row in r.Output) WriteObject(FleetViewRow.From<NodeProcess>(row, r.Node)); });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.FleetViews;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists a directory (or describes one file) on one or many nodes.</summary>
[Cmdlet(VerbsCommon.Get, "NodeFile")]
[OutputType(typeof(NodeFileItem))]
public sealed class GetNodeFileCommand : FleetViewCmdlet
{
    /// <summary>The directory to list, or a file, as the node names it.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Path { get; set; } = "";

    protected override void EndProcessing() =>
        RunOnTargets(FleetViewScripts.Files, new Dictionary<string, object?> { ["Path"] = Path },
            r => { foreach (var row in r.Output) WriteObject(FleetViewRow.From<NodeFileItem>(row, r.Node)); });
}

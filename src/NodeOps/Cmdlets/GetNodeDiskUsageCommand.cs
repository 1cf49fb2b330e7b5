using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.FleetViews;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Size, free space and use of each mounted file system (or drive) on one or many nodes.</summary>
[Cmdlet(VerbsCommon.Get, "NodeDiskUsage")]
[OutputType(typeof(NodeDiskUsage))]
public sealed class GetNodeDiskUsageCommand : FleetViewCmdlet
{
    protected override void EndProcessing() =>
        RunOnTargets(FleetViewScripts.DiskUsage, new Dictionary<string, object?>(),
            r => { foreach (var row in r.Output) WriteObject(FleetViewRow.From<NodeDiskUsage>(row, r.Node)); });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

[Cmdlet(VerbsCommon.Remove, "ManagedNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveManagedNodeCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[] NodeId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in NodeId)
            ForEachItem(() =>
            {
                var node = Catalog.Nodes.Resolve(id);
                if (!ShouldProcess($"{node.NodeId} ({node.Name})", "Remove managed node")) return;
                Catalog.Nodes.Delete(node.NodeId);
                NodeSessionPool.Shared.Clear(node.NodeId);
            });
    }
}

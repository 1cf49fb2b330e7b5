using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

[Cmdlet(VerbsCommon.Remove, "ManagedNodeTag", SupportsShouldProcess = true)]
[OutputType(typeof(ManagedNode))]
public sealed class RemoveManagedNodeTagCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[] NodeId { get; set; } = Array.Empty<string>();

    /// <summary>Tag keys to remove (case-insensitive). Keys the node does not have are ignored.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string[] Key { get; set; } = Array.Empty<string>();

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in NodeId)
            ForEachItem(() =>
            {
                var node = Catalog.Nodes.Resolve(id);
                if (!ShouldProcess($"{node.NodeId} ({node.Name})", "Remove tags " + string.Join(", ", Key))) return;
                foreach (var k in node.Tags.Keys.Where(t => Key.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList()) node.Tags.Remove(k);
                Catalog.Nodes.Update(node);
                if (PassThru) WriteObject(node);
            });
    }
}

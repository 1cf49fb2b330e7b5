using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Cmdlets;

[Cmdlet(VerbsCommon.Add, "ManagedNodeTag", SupportsShouldProcess = true)]
[OutputType(typeof(ManagedNode))]
public sealed class AddManagedNodeTagCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[] NodeId { get; set; } = Array.Empty<string>();

    /// <summary>Tags to add or overwrite: a hashtable or "Key=Value;Key2=Value2".</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public object Tag { get; set; } = null!;

    [Parameter] public SwitchParameter PassThru { get; set; }

    private Dictionary<string, string> _tags = new();

    protected override void BeginProcessing() => _tags = Guard(() => TagSet.From(Tag));

    protected override void ProcessRecord()
    {
        foreach (var id in NodeId)
            ForEachItem(() =>
            {
                var node = Catalog.Nodes.Resolve(id);
                if (!ShouldProcess($"{node.NodeId} ({node.Name})", "Add tags " + string.Join(", ", _tags.Select(t => $"{t.Key}={t.Value}")))) return;
                foreach (var (k, v) in _tags)
                {
                    var existing = node.Tags.Keys.FirstOrDefault(x => x.Equals(k, StringComparison.OrdinalIgnoreCase));
                    if (existing is not null) node.Tags.Remove(existing);
                    node.Tags[k] = v;
                }
                Catalog.Nodes.Update(node);
                if (PassThru) WriteObject(node);
            });
    }
}

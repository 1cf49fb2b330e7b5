using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;
using NodeOps.Core.Nodes;
using NodeOps.Core.Targeting;

namespace NodeOps.Cmdlets;

[Cmdlet(VerbsCommon.Set, "ManagedNode", SupportsShouldProcess = true)]
[OutputType(typeof(ManagedNode))]
public sealed class SetManagedNodeCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string NodeId { get; set; } = "";

    [Parameter] public string? NewName { get; set; }
    [Parameter] [Alias("HostName")] public string? Address { get; set; }
    [Parameter] public int? Port { get; set; }
    [Parameter] public NodeTransport? Transport { get; set; }
    [Parameter] [Alias("User")] public string? UserName { get; set; }
    [Parameter] [Alias("KeyFile")] public string? KeyFilePath { get; set; }
    [Parameter] public PSCredential? Credential { get; set; }
    [Parameter] public HostKeyPolicy? HostKeyPolicy { get; set; }

    /// <summary>Replaces all tags. Use Add-ManagedNodeTag / Remove-ManagedNodeTag to change some.</summary>
    [Parameter] public object? Tag { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var node = Catalog.Nodes.Resolve(NodeId);
        var keyFile = KeyFilePath is { Length: > 0 } ? GetUnresolvedProviderPathFromPSPath(KeyFilePath) : KeyFilePath;
        NodeDefinition.Apply(node, NewName, Address, Port, Transport, UserName, keyFile, Credential, HostKeyPolicy);
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Tag))) node.Tags = TagSet.From(Tag);
        if (!ShouldProcess($"{node.NodeId} ({node.Name})", "Update managed node")) return;
        Catalog.Nodes.Update(node);
        if (PassThru) WriteObject(node);
    });
}

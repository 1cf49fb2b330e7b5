using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;
using NodeOps.Core.Nodes;
using NodeOps.Core.Targeting;

namespace NodeOps.Cmdlets;

[Cmdlet(VerbsLifecycle.Register, "ManagedNode", SupportsShouldProcess = true)]
[OutputType(typeof(ManagedNode))]
public sealed class RegisterManagedNodeCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName", "ComputerName", "IPAddress")]
    public string? Address { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? Port { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public NodeTransport Transport { get; set; } = NodeTransport.Ssh;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("User")]
    public string? UserName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("KeyFile", "IdentityFile")]
    public string? KeyFilePath { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public PSCredential? Credential { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public HostKeyPolicy? HostKeyPolicy { get; set; }

    /// <summary>A hashtable, or "Key=Value;Key2=Value2" text (as a CSV column gives it).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public object? Tag { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var keyFile = KeyFilePath is { Length: > 0 } ? GetUnresolvedProviderPathFromPSPath(KeyFilePath) : null;
        var node = NodeDefinition.NewNode(Name, Address, Port, Transport, UserName, keyFile, Credential, HostKeyPolicy, TagSet.From(Tag));
        if (!ShouldProcess($"{node.Name} ({node.Address}:{node.Port}, {node.Transport})", "Register managed node")) return;
        Catalog.Nodes.Insert(node);
        WriteObject(node);
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>The per-node results of a command, read back from the catalog.</summary>
[Cmdlet(VerbsCommon.Get, "NodeCommandInvocation")]
[OutputType(typeof(NodeCommandInvocation))]
public sealed class GetNodeCommandInvocationCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string CommandId { get; set; } = "";

    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public InvocationStatus[]? Status { get; set; }

    /// <summary>The view that lists each node's steps with status, exit code and output.</summary>
    public const string DetailTypeName = "NodeOps.InvocationDetail";

    /// <summary>Load the whole output of each node and each step (by default, output longer than 64 KB per stream is cut to its head), shown as a list with the steps.</summary>
    [Parameter] public SwitchParameter Detail { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        Catalog.Commands.Get(CommandId);
        var nodeIds = NodeId?.Select(Catalog.Nodes.IdOf).ToList();
        foreach (var inv in Catalog.Commands.InvocationsOf(CommandId))
        {
            if (nodeIds is not null && !nodeIds.Contains(inv.NodeId, StringComparer.OrdinalIgnoreCase)) continue;
            if (Status is not null && !Status.Contains(inv.Status)) continue;
            if (!Detail)
            {
                WriteObject(inv);
                continue;
            }
            Catalog.Commands.LoadFullOutput(inv);
            var detailed = PSObject.AsPSObject(inv);
            detailed.TypeNames.Insert(0, DetailTypeName);
            WriteObject(detailed);
        }
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Run Command history, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "NodeCommand", DefaultParameterSetName = "Query")]
[OutputType(typeof(NodeCommand))]
public sealed class GetNodeCommandCommand : NodeOpsCmdlet
{
    [Parameter(ParameterSetName = "ById", Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string[] CommandId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = "Query")] public CommandStatus[]? Status { get; set; }

    /// <summary>Only commands requested at or after this time.</summary>
    [Parameter(ParameterSetName = "Query")] [Alias("Since")] public DateTime? After { get; set; }

    [Parameter(ParameterSetName = "Query")] public DateTime? Before { get; set; }

    /// <summary>Only commands that targeted this node.</summary>
    [Parameter(ParameterSetName = "Query")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string? NodeId { get; set; }

    [Parameter(ParameterSetName = "Query")] [ValidateRange(1, int.MaxValue)] public int? First { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "ById")
        {
            foreach (var id in CommandId)
                ForEachItem(() => WriteObject(Catalog.Commands.Get(id)));
            return;
        }
        var nodeId = NodeId is null ? null : Guard(() => Catalog.Nodes.IdOf(NodeId));
        var rows = Guard(() => Catalog.Commands.Query(new CommandQuery { Statuses = Status, After = After, Before = Before, NodeId = nodeId, First = First }));
        WriteObject(rows, enumerateCollection: true);
    }
}

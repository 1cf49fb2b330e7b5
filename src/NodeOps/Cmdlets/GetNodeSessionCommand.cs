using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Session records, newest first: active ones and history.</summary>
[Cmdlet(VerbsCommon.Get, "NodeSession")]
[OutputType(typeof(NodeSessionRecord))]
public sealed class GetNodeSessionCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string[]? SessionId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string? NodeId { get; set; }

    [Parameter] public SwitchParameter Active { get; set; }
    [Parameter] public string? User { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord()
    {
        if (SessionId is not null)
        {
            foreach (var id in SessionId) ForEachItem(() => WriteObject(Catalog.Sessions.Get(id)));
            return;
        }
        ForEachItem(() =>
        {
            var nodeId = NodeId is null ? null : Catalog.Nodes.IdOf(NodeId);
            foreach (var s in Catalog.Sessions.Query(nodeId, Active, User, First)) WriteObject(s);
        });
    }
}

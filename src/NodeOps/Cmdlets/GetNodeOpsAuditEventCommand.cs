using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Reads the audit trail, newest first: who changed what, when, with which outcome.</summary>
[Cmdlet(VerbsCommon.Get, "NodeOpsAuditEvent")]
[OutputType(typeof(AuditEvent))]
public sealed class GetNodeOpsAuditEventCommand : NodeOpsCmdlet
{
    [Parameter] public DateTime? After { get; set; }
    [Parameter] public DateTime? Before { get; set; }
    [Parameter] public string? User { get; set; }

    /// <summary>Events naming this node (or any target: a document or parameter name, a command id).</summary>
    [Parameter]
    [Alias("Target")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string? NodeId { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Cmdlet { get; set; }

    [Parameter] public AuditOutcome? Outcome { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        // Events name a node by whatever the user typed (id or name), so both are looked for.
        var node = NodeId is null ? null : Catalog.Nodes.Find(NodeId) ?? Catalog.Nodes.FindByName(NodeId);
        var targets = NodeId is null ? null : new[] { NodeId, node?.NodeId, node?.Name }.OfType<string>().ToList();
        foreach (var e in Catalog.Audit.Query(new AuditQuery
        {
            After = After, Before = Before, User = User, Targets = targets, Outcome = Outcome, First = First,
            Cmdlet = Cmdlet is null ? null : WildcardPattern.Get(Cmdlet, WildcardOptions.IgnoreCase),
        }))
            WriteObject(e);
    });
}

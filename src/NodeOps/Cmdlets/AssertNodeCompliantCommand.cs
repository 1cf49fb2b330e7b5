using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Compliance;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Throws a terminating error listing every offending node and item when any item in scope is NonCompliant
/// (or a node in scope reported nothing of those types), so a Pester It block fails with that message; silent otherwise.
/// </summary>
[Cmdlet(VerbsLifecycle.Assert, "NodeCompliant")]
[OutputType(typeof(NodeComplianceSummary))]
public sealed class AssertNodeCompliantCommand : ComplianceQueryCmdlet
{
    /// <summary>Do not count nodes that reported no item of the types asked for.</summary>
    [Parameter] public SwitchParameter AllowNotReported { get; set; }

    /// <summary>Write the per-node summary when the assertion holds.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var (reported, nodes) = BuildQuery(withSeverity: false).Run(Catalog);
        var failing = reported.Where(i => !i.IsCompliant && (Severity is not { Length: > 0 } || Severity.Contains(i.Severity))).ToList();
        var summaries = ComplianceSummarizer.PerNode(reported, nodes);
        var silent = AllowNotReported ? new List<NodeComplianceSummary>() : summaries.Where(s => s.Status == NodeComplianceStatus.NotReported).ToList();
        if (failing.Count > 0 || silent.Count > 0)
            throw new NodeOpsException(ErrorIds.NodeNotCompliant, ErrorCategory.InvalidResult,
                failing.Select(i => i.NodeId).Concat(silent.Select(s => s.NodeId)).Distinct().ToArray(),
                ComplianceAssertion.Message(failing, silent, Scope()));
        if (PassThru) WriteObject(summaries, enumerateCollection: true);
    });
}

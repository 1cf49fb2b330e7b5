using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Per node and patch: the state the last scan or install found (Installed, Missing, Failed, ...) with the rule's compliance level.</summary>
[Cmdlet(VerbsCommon.Get, "PatchCompliance")]
[OutputType(typeof(PatchComplianceItem))]
public sealed class GetPatchComplianceCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public string[]? Tag { get; set; }

    [Parameter] public PatchComplianceState[]? State { get; set; }

    [Parameter] public ComplianceSeverity[]? ComplianceLevel { get; set; }

    /// <summary>Package names or KB ids (wildcards allowed).</summary>
    [Parameter] [SupportsWildcards] public string[]? PatchId { get; set; }

    /// <summary>Only patches that make their node non-compliant (Missing, Failed, InstalledRejected, InstalledPendingReboot).</summary>
    [Parameter] public SwitchParameter NonCompliant { get; set; }

    private readonly TargetCollector _targets = new();

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing() => Guard(() =>
    {
        var nodes = _targets.IsEmpty && Tag is null ? null : _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false).Select(n => n.NodeId).ToList();
        var patterns = PatchId?.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
        foreach (var item in Catalog.PatchCompliance.Read(nodes, NonCompliant))
        {
            if (State is not null && !State.Contains(item.State)) continue;
            if (ComplianceLevel is not null && !ComplianceLevel.Contains(item.ComplianceLevel)) continue;
            if (patterns is not null && !patterns.Any(p => p.IsMatch(item.PatchId))) continue;
            WriteObject(item);
        }
    });
}

using System.Management.Automation;
using NodeOps.Core.Compliance;
using NodeOps.Core.Models;

namespace NodeOps.Common;

/// <summary>
/// What the compliance readers share (Get-NodeComplianceItem, Get-NodeComplianceSummary, Assert-NodeCompliant,
/// Export-NodeComplianceReport): nodes by id, name, pipeline or tag (every node when none are given), types
/// (wildcards allowed) and severities.
/// </summary>
public abstract class ComplianceQueryCmdlet : NodeOpsCmdlet
{
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Key=Value conditions; nodes matching all of them.</summary>
    [Parameter] public string[]? Tag { get; set; }

    /// <summary>Patch, Association, Custom:NAME, Check:SUITE, or wildcards (Check:*).</summary>
    [Parameter]
    [Alias("ComplianceType")]
    [ArgumentCompleter(typeof(ComplianceTypeCompleter))]
    public string[]? Type { get; set; }

    /// <summary>CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED (any case).</summary>
    [Parameter] public ComplianceSeverity[]? Severity { get; set; }

    private readonly TargetCollector _targets = new();

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected ComplianceQuery BuildQuery(IReadOnlyList<ComplianceStatus>? statuses = null, bool withSeverity = true) => new()
    {
        Nodes = _targets.IsEmpty && Tag is null ? null : _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false),
        Types = Type ?? Array.Empty<string>(),
        Statuses = statuses ?? Array.Empty<ComplianceStatus>(),
        Severities = withSeverity ? Severity ?? Array.Empty<ComplianceSeverity>() : Array.Empty<ComplianceSeverity>(),
    };

    /// <summary>The filters given, for messages ("type Patch, severity CRITICAL").</summary>
    protected string Scope()
    {
        var parts = new List<string>();
        if (Type is { Length: > 0 }) parts.Add("type " + string.Join(", ", Type));
        if (Severity is { Length: > 0 }) parts.Add("severity " + string.Join(", ", Severity.Select(s => s.ToString().ToUpperInvariant())));
        if (Tag is { Length: > 0 }) parts.Add("tag " + string.Join(", ", Tag));
        return string.Join("; ", parts);
    }
}

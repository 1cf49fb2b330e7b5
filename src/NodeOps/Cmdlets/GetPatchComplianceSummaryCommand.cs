using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Files;
using NodeOps.Core.Patching;

namespace NodeOps.Cmdlets;

/// <summary>
/// The fleet's patch compliance: compliant nodes, non-compliant nodes by severity, nodes never reported and
/// nodes last reported more than -StaleDays ago; as an object, or with -AsHtml as a one-page report.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PatchComplianceSummary")]
[OutputType(typeof(PatchComplianceSummary), typeof(string), typeof(FileInfo))]
public sealed class GetPatchComplianceSummaryCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public string[]? Tag { get; set; }

    /// <summary>A node whose last report is older than this many days counts as stale. Default 7.</summary>
    [Parameter] [ValidateRange(0, 3650)] public int StaleDays { get; set; } = 7;

    /// <summary>Write the summary as one HTML page (a string, or the file given by -Path).</summary>
    [Parameter] public SwitchParameter AsHtml { get; set; }

    /// <summary>With -AsHtml: the file to write.</summary>
    [Parameter] public string? Path { get; set; }

    private readonly TargetCollector _targets = new();

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing() => Guard(() =>
    {
        var nodes = _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: true);
        var ids = nodes.Select(n => n.NodeId).ToList();
        var summary = PatchComplianceSummary.Build(nodes, Catalog.PatchCompliance.ReadStates(ids), Catalog.PatchCompliance.Read(ids, nonCompliantOnly: true), StaleDays, DateTime.UtcNow);
        if (!AsHtml)
        {
            WriteObject(summary);
            return;
        }
        var html = PatchComplianceReport.Html(summary);
        if (Path is null)
        {
            WriteObject(html);
            return;
        }
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        AtomicFile.WriteText(full, html, ErrorIds.PatchReportUnwritable, Path);
        WriteObject(new FileInfo(full));
    });
}

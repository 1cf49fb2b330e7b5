using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Compliance;
using NodeOps.Core.Errors;
using NodeOps.Core.Files;

namespace NodeOps.Cmdlets;

public enum ComplianceReportFormat { Html, JUnit }

/// <summary>
/// Writes compliance (filtered like Get-NodeComplianceItem) as a self-contained HTML page or as JUnit XML for CI
/// systems. The file is replaced atomically.
/// </summary>
[Cmdlet(VerbsData.Export, "NodeComplianceReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNodeComplianceReportCommand : ComplianceQueryCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    /// <summary>Html or JUnit; by default JUnit for a .xml file and Html otherwise.</summary>
    [Parameter] public ComplianceReportFormat? Format { get; set; }

    /// <summary>JUnit: one testsuite per Node (default) or per Type.</summary>
    [Parameter] public JUnitGrouping GroupBy { get; set; } = JUnitGrouping.Node;

    [Parameter] [ValidateLength(1, 200)] public string Title { get; set; } = "NodeOps compliance report";

    /// <summary>Refuse to replace an existing file.</summary>
    [Parameter] public SwitchParameter NoClobber { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var format = Format ?? (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? ComplianceReportFormat.JUnit : ComplianceReportFormat.Html);
        if (NoClobber && File.Exists(path))
            throw new NodeOpsException(ErrorIds.ComplianceReportFailed, ErrorCategory.ResourceExists, path, $"'{path}' already exists and -NoClobber was given.");
        if (!ShouldProcess(path, $"Export compliance report ({format})")) return;
        var (items, nodes) = BuildQuery().Run(Catalog);
        var text = format == ComplianceReportFormat.Html
            ? ComplianceReport.Html(items, nodes, DateTime.UtcNow, Title)
            : ComplianceReport.JUnit(items, nodes, GroupBy, DateTime.UtcNow);
        AtomicFile.WriteText(path, text, ErrorIds.ComplianceReportFailed);
        WriteVerbose($"Wrote {items.Count} item(s) on {nodes.Count} node(s) to {path}.");
        if (PassThru) WriteObject(new FileInfo(path));
    });
}

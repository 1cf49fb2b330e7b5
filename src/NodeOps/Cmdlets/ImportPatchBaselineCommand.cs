using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;

namespace NodeOps.Cmdlets;

/// <summary>
/// Creates baselines from a CloudFormation template (every AWS::SSM::PatchBaseline resource in it), one
/// resource, or a bare Properties map, in YAML or JSON. PatchGroups and DefaultBaseline are honoured.
/// </summary>
[Cmdlet(VerbsData.Import, "PatchBaseline", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
[OutputType(typeof(PatchBaseline))]
public sealed class ImportPatchBaselineCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Path")]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary>The template text itself.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Content")]
    public string Content { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var source = ParameterSetName == "Content" ? "the content" : Path;
        var text = Content;
        if (ParameterSetName == "Path")
        {
            var full = GetUnresolvedProviderPathFromPSPath(Path);
            try { text = File.ReadAllText(full); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.PatchBaselineFileUnreadable, ErrorCategory.ReadError, Path, $"Cannot read '{full}': {ex.Message}", ex);
            }
        }
        // Every baseline in the file is checked, and they are stored together or not at all.
        var wanted = PatchBaselineTemplate.Read(text, source).Where(b => ShouldProcess(b.Name, $"Import {b.OperatingSystem} patch baseline")).ToList();
        if (wanted.Count > 0) WriteObject(Catalog.PatchBaselines.CreateAll(wanted), enumerateCollection: true);
    });
}

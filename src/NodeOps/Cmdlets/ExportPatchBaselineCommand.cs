using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Files;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;

namespace NodeOps.Cmdlets;

/// <summary>Writes baselines as a CloudFormation template (AWS::SSM::PatchBaseline resources) in YAML or JSON, to a file or the pipeline.</summary>
[Cmdlet(VerbsData.Export, "PatchBaseline", SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(FileInfo))]
public sealed class ExportPatchBaselineCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PatchBaselineCompleter))]
    public string[] BaselineId { get; set; } = Array.Empty<string>();

    /// <summary>The file to write; without it the template is written to the pipeline.</summary>
    [Parameter(Position = 1)] public string? Path { get; set; }

    /// <summary>Yaml or Json; by default Json when -Path ends in .json, else Yaml.</summary>
    [Parameter] [ValidateSet("Yaml", "Json")] public string? Format { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    private readonly List<PatchBaseline> _baselines = new();

    protected override void ProcessRecord()
    {
        foreach (var id in BaselineId) ForEachItem(() => _baselines.Add(Catalog.PatchBaselines.Get(id)));
    }

    protected override void EndProcessing() => Guard(() =>
    {
        if (_baselines.Count == 0) return;
        var json = Format is { } f ? f == "Json" : Path?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true;
        var text = PatchBaselineTemplate.Write(_baselines, json);
        if (Path is null)
        {
            WriteObject(text);
            return;
        }
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (File.Exists(full) && !Force)
            throw new NodeOpsException(ErrorIds.PatchBaselineFileUnreadable, ErrorCategory.ResourceExists, Path, $"'{full}' already exists; use -Force to overwrite it.");
        if (!ShouldProcess(full, $"Export {_baselines.Count} patch baseline(s)")) return;
        AtomicFile.WriteText(full, text, ErrorIds.PatchBaselineFileUnreadable, Path);
        WriteObject(new FileInfo(full));
    });
}

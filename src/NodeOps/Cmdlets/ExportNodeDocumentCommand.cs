using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;

namespace NodeOps.Cmdlets;

/// <summary>Writes a document version's text, exactly as imported, to a file (or to the pipeline without -Path).</summary>
[Cmdlet(VerbsData.Export, "NodeDocument", SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(FileInfo))]
public sealed class ExportNodeDocumentCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DocumentVersion")]
    public string? Version { get; set; }

    /// <summary>The file to write; without it the text is written to the pipeline.</summary>
    [Parameter(Position = 1)]
    public string? Path { get; set; }

    /// <summary>Overwrite an existing file.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var (record, _) = Catalog.Documents.Resolve(Name, Version);
        if (Path is null)
        {
            WriteObject(record.Content);
            return;
        }
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (File.Exists(full) && !Force)
            throw new NodeOpsException(ErrorIds.DocumentExportFailed, ErrorCategory.ResourceExists, Path, $"'{full}' already exists; use -Force to overwrite it.");
        if (!ShouldProcess(full, $"Export {record.Name}:{record.Version}")) return;
        try
        {
            File.WriteAllText(full, record.Content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeOpsException(ErrorIds.DocumentExportFailed, ErrorCategory.WriteError, Path, $"Cannot write '{full}': {ex.Message}", ex);
        }
        WriteObject(new FileInfo(full));
    });
}

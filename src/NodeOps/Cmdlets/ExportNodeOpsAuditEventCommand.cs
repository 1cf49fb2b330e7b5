using System.Management.Automation;
using System.Text.Json;
using NodeOps.Common;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Writes audit events as JSON lines (one event per line, oldest first) for a SIEM.</summary>
[Cmdlet(VerbsData.Export, "NodeOpsAuditEvent", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNodeOpsAuditEventCommand : NodeOpsCmdlet
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    [Parameter] public DateTime? After { get; set; }
    [Parameter] public DateTime? Before { get; set; }

    /// <summary>Add to an existing file instead of replacing it.</summary>
    [Parameter] public SwitchParameter Append { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        var events = Catalog.Audit.Query(new AuditQuery { After = After, Before = Before }).OrderBy(e => e.Sequence).ToList();
        if (!ShouldProcess(full, $"Export {events.Count} audit event(s)")) return;
        // A replaced file is written beside it and moved over it, so a failed export leaves the old file whole.
        var target = Append ? full : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full) ?? ".", $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(target, Append))
                foreach (var e in events) writer.WriteLine(JsonSerializer.Serialize(e, Json));
            if (!Append) File.Move(target, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!Append) File.Delete(target);
            throw new NodeOpsException(ErrorIds.AuditExportFailed, ErrorCategory.WriteError, Path, $"Cannot write '{full}': {ex.Message}", ex);
        }
        WriteObject(new FileInfo(full));
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Inventory;

namespace NodeOps.Cmdlets;

/// <summary>Writes inventory rows of one type (filtered like Get-NodeInventory) to a CSV or JSON file.</summary>
[Cmdlet(VerbsData.Export, "NodeInventory", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNodeInventoryCommand : InventoryQueryCmdlet
{
    [Parameter(Mandatory = true)]
    public string Path { get; set; } = "";

    /// <summary>Csv or Json; by default Json for a .json file and Csv otherwise.</summary>
    [Parameter] public InventoryExportFormat? Format { get; set; }

    /// <summary>Refuse to replace an existing file.</summary>
    [Parameter] public SwitchParameter NoClobber { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (NoClobber && File.Exists(path))
            throw new Core.Errors.NodeOpsException(Core.Errors.ErrorIds.InventoryExportFailed, ErrorCategory.ResourceExists, path,
                $"'{path}' already exists and -NoClobber was given.");
        if (!ShouldProcess(path, $"Export {TypeName} inventory")) return;
        var names = Catalog.Nodes.All().ToDictionary(n => n.NodeId, n => n.Name, StringComparer.OrdinalIgnoreCase);
        var count = InventoryExport.Write(path, Format ?? InventoryExport.FormatFor(path), Query().Select(r => r.Row), names);
        WriteVerbose($"Wrote {count} row(s) to {path}.");
        if (PassThru) WriteObject(new FileInfo(path));
    });
}

using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes a document with all its versions, or one version that is not the default.</summary>
[Cmdlet(VerbsCommon.Remove, "NodeDocument", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveNodeDocumentCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Only this version (it may not be the default version).</summary>
    [Parameter(Position = 1)]
    public int? Version { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        if (!ShouldProcess(Version is null ? $"{Name} (all versions)" : $"{Name}:{Version}", "Remove document")) return;
        Catalog.Documents.Remove(Name, Version);
    });
}

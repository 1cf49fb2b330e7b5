using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Chooses which version of a document runs when no version is named ($DEFAULT).</summary>
[Cmdlet(VerbsCommon.Set, "NodeDocumentDefaultVersion", SupportsShouldProcess = true)]
[OutputType(typeof(NodeDocument))]
public sealed class SetNodeDocumentDefaultVersionCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>A version number, or $LATEST.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("DocumentVersion")]
    public string Version { get; set; } = "";

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        if (!ShouldProcess($"{Name}:{Version}", "Set default version")) return;
        WriteObject(Catalog.Documents.SetDefaultVersion(Name, Version));
    });
}

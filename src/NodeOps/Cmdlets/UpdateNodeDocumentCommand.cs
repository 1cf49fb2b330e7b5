using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Adds a new version of a document (versions are immutable); -SetAsDefault makes it the one that runs.</summary>
[Cmdlet(VerbsData.Update, "NodeDocument", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(NodeDocument))]
public sealed class UpdateNodeDocumentCommand : NodeOpsCmdlet
{
    private const string PathSet = "Path", ContentSet = "Content";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1)]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = ContentSet, Mandatory = true)]
    public string Content { get; set; } = "";

    [Parameter] public SwitchParameter SetAsDefault { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var (text, source) = DocumentInput.Read(this, ParameterSetName == PathSet ? Path : null, Content, Name);
        if (!ShouldProcess(Name, SetAsDefault ? "Add a version and make it the default" : "Add a version")) return;
        WriteObject(Catalog.Documents.AddVersion(Name, text, source, SetAsDefault));
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Validates an SSM-shaped YAML or JSON document and stores it as version 1.</summary>
[Cmdlet(VerbsCommon.New, "NodeDocument", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(NodeDocument))]
public sealed class NewNodeDocumentCommand : NodeOpsCmdlet
{
    private const string PathSet = "Path", ContentSet = "Content";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = ContentSet, Mandatory = true)]
    public string Content { get; set; } = "";

    /// <summary>The type to check the document against; by default it follows schemaVersion (2.2/1.2 Command, 0.3 Automation, 1.0 Session, 2.0 Policy).</summary>
    [Parameter] public DocumentType? DocumentType { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var (text, source) = DocumentInput.Read(this, ParameterSetName == PathSet ? Path : null, Content, Name);
        if (!ShouldProcess(Name, "Create document")) return;
        WriteObject(Catalog.Documents.Create(Name, text, DocumentType, source));
    });
}

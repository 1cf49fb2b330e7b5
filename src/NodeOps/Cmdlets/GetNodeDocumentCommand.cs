using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists documents (stored and built-in): each one's default version, one version, or all of them.</summary>
[Cmdlet(VerbsCommon.Get, "NodeDocument", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(NodeDocument))]
public sealed class GetNodeDocumentCommand : NodeOpsCmdlet
{
    private const string DefaultSet = "Default", VersionSet = "Version", AllSet = "AllVersions";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter] public DocumentType? DocumentType { get; set; }

    /// <summary>A version number, $DEFAULT or $LATEST (one document name, no wildcards).</summary>
    [Parameter(ParameterSetName = VersionSet, Mandatory = true)]
    [Alias("DocumentVersion")]
    public string Version { get; set; } = "";

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter AllVersions { get; set; }

    /// <summary>Include the document text (left out by default to keep listings short).</summary>
    [Parameter] public SwitchParameter IncludeContent { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name ?? new[] { "*" })
            ForEachItem(() =>
            {
                if (ParameterSetName == VersionSet)
                {
                    if (WildcardPattern.ContainsWildcardCharacters(name))
                        throw new NodeOpsException(ErrorIds.InvalidDocumentName, ErrorCategory.InvalidArgument, name, "-Version takes one document name, without wildcards.");
                    Write(Catalog.Documents.Resolve(name, Version).Record);
                    return;
                }
                var found = Catalog.Documents.Find(name, DocumentType, AllVersions);
                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    if (BuiltInDocuments.Find(name) is { } alias) found = new[] { alias.Record };
                    else throw new NodeOpsException(ErrorIds.DocumentNotFound, ErrorCategory.ObjectNotFound, name, $"No document named '{name}' is in the catalog or built in.");
                }
                foreach (var d in found) Write(d);
            });
    }

    private void Write(NodeDocument document)
    {
        if (!IncludeContent) document.Content = "";
        WriteObject(document);
    }
}

using NodeOps.Core.Models;

namespace NodeOps.Core.Documents;

/// <summary>Where documents are found by name and version ($DEFAULT, $LATEST or a number): the catalog and the built-ins.</summary>
public interface IDocumentSource
{
    (NodeDocument Record, DocumentDefinition Definition) Resolve(string name, string? version);
}

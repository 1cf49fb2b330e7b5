using System.Collections;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Common;

/// <summary>The plan Invoke-PatchScan and Install-NodePatch run: the built-in NodeOps-RunPatchBaseline with their operation.</summary>
internal static class PatchPlan
{
    public const string DocumentName = "NodeOps-RunPatchBaseline";

    public static (CommandKind, string, DocumentPlan) For(NodeCatalog catalog, string operation, string rebootOption)
    {
        var (record, definition) = catalog.Documents.Resolve(DocumentName, null);
        var plan = new DocumentPlanner(catalog.Documents, catalog.Parameters)
            .Plan(record, definition, new Hashtable { ["Operation"] = operation, ["RebootOption"] = rebootOption });
        return (CommandKind.Document, $"{plan.DocumentName}:{plan.DocumentVersion}", plan);
    }
}

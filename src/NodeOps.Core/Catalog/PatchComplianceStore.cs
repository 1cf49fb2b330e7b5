using LiteDB;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Patch compliance: per node, the items of its last scan or install and one state record. A new report
/// replaces the node's items in one transaction, so readers never see half a report.
/// </summary>
public sealed class PatchComplianceStore
{
    private readonly NodeCatalog _catalog;
    internal PatchComplianceStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<PatchComplianceItem> Items(LiteDatabase db)
    {
        var c = db.GetCollection<PatchComplianceItem>(CatalogCollections.PatchCompliance);
        c.EnsureIndex(i => i.NodeId);
        return c;
    }

    private static ILiteCollection<NodePatchState> States(LiteDatabase db) => db.GetCollection<NodePatchState>(CatalogCollections.PatchStates);

    public void Store(NodePatchState state, IReadOnlyList<PatchComplianceItem> items) => _catalog.InTransaction(db =>
    {
        foreach (var i in items)
        {
            i.NodeId = state.NodeId;
            i.NodeName = state.NodeName;
            i.Id = PatchComplianceItem.MakeId(state.NodeId, i.PatchId);
        }
        state.InstalledCount = items.Count(i => i.State == PatchComplianceState.Installed);
        state.InstalledOtherCount = items.Count(i => i.State == PatchComplianceState.InstalledOther);
        state.InstalledPendingRebootCount = items.Count(i => i.State == PatchComplianceState.InstalledPendingReboot);
        state.InstalledRejectedCount = items.Count(i => i.State == PatchComplianceState.InstalledRejected);
        state.MissingCount = items.Count(i => i.State == PatchComplianceState.Missing);
        state.FailedCount = items.Count(i => i.State == PatchComplianceState.Failed);
        state.NotApplicableCount = items.Count(i => i.State == PatchComplianceState.NotApplicable);
        Items(db).DeleteMany(i => i.NodeId == state.NodeId);
        Items(db).InsertBulk(items.GroupBy(i => i.Id).Select(g => g.First()));
        States(db).Upsert(state);
    });

    /// <summary>The per-node, per-patch compliance items (all nodes, or the given ones), ordered by node and patch.</summary>
    public IReadOnlyList<PatchComplianceItem> Read(IReadOnlyCollection<string>? nodeIds = null) => _catalog.Run(db =>
        (nodeIds is null ? Items(db).FindAll() : nodeIds.SelectMany(id => Items(db).Find(i => i.NodeId == id))).ToList())
        .OrderBy(i => i.NodeName, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.PatchId, StringComparer.Ordinal).ToList();

    /// <summary>Each node's last patch operation (all nodes, or the given ones).</summary>
    public IReadOnlyList<NodePatchState> ReadStates(IReadOnlyCollection<string>? nodeIds = null) => _catalog.Run(db =>
        (nodeIds is null ? States(db).FindAll() : nodeIds.Select(id => States(db).FindById(id)).Where(s => s is not null)).ToList())
        .OrderBy(s => s.NodeName, StringComparer.OrdinalIgnoreCase).ToList();

    public NodePatchState? StateOf(string nodeId) => _catalog.Run(db => States(db).FindById(nodeId));
}

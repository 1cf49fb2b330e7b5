using LiteDB;
using NodeOps.Core.Compliance;
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

    /// <summary>
    /// Replaces the node's patch items and state, and its Patch items in the fleet compliance view
    /// (<see cref="ComplianceStore"/>), in one transaction.
    /// </summary>
    public void Store(NodePatchState state, IReadOnlyList<PatchComplianceItem> items)
    {
        _catalog.Compliance.EnsureIndexes();
        _catalog.InTransaction(db => Store(db, state, items));
    }

    private void Store(LiteDatabase db, NodePatchState state, IReadOnlyList<PatchComplianceItem> items)
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
        var unique = items.GroupBy(i => i.Id).Select(g => g.First()).ToList();
        Items(db).InsertBulk(unique);
        States(db).Upsert(state);
        _catalog.Compliance.ReplaceItems(db, state.NodeId, PatchComplianceType, unique.Select(ComplianceItemOf).ToList(),
            state.CommandId ?? "", state.OperationEndTime);
    }

    private const string PatchComplianceType = "Patch";

    private static ComplianceItemInput ComplianceItemOf(PatchComplianceItem item)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["State"] = item.State.ToString(), ["Classification"] = item.Classification };
        if (item.InstalledVersion is { } installed) details["InstalledVersion"] = installed;
        if (item.ApprovedVersion is { } approved) details["ApprovedVersion"] = approved;
        if (item.Severity.Length > 0) details["PatchSeverity"] = item.Severity;
        if (item.BaselineId.Length > 0) details["BaselineId"] = item.BaselineId;
        var status = item.IsNonCompliant ? ComplianceStatus.NonCompliant : ComplianceStatus.Compliant;
        return new ComplianceItemInput(item.PatchId, item.PatchId, status, item.ComplianceLevel, details);
    }

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

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
    private bool _indexed;
    internal PatchComplianceStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<PatchComplianceItem> Items(LiteDatabase db) => db.GetCollection<PatchComplianceItem>(CatalogCollections.PatchCompliance);

    // EnsureIndex takes the collection's write lock even when the index exists: once per catalog, not per access.
    private void EnsureIndex()
    {
        if (_indexed) return;
        _catalog.Run(db => Items(db).EnsureIndex(i => i.NodeId));
        _indexed = true;
    }

    private static ILiteCollection<NodePatchState> States(LiteDatabase db) => db.GetCollection<NodePatchState>(CatalogCollections.PatchStates);

    /// <summary>
    /// Replaces the node's patch items and state, and its Patch items in the fleet compliance view
    /// (<see cref="ComplianceStore"/>), in one transaction.
    /// </summary>
    public void Store(NodePatchState state, IReadOnlyList<PatchComplianceItem> items)
    {
        EnsureIndex();
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
        var collection = Items(db);
        collection.DeleteMany(i => i.NodeId == state.NodeId);
        var unique = items.GroupBy(i => i.Id).Select(g => g.First()).ToList();
        collection.InsertBulk(unique);
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

    /// <summary>
    /// The per-node, per-patch compliance items (all nodes, or the given ones; with nonCompliantOnly just those that make
    /// their node non-compliant, filtered in the catalog), ordered by node and patch.
    /// </summary>
    public IReadOnlyList<PatchComplianceItem> Read(IReadOnlyCollection<string>? nodeIds = null, bool nonCompliantOnly = false)
    {
        EnsureIndex();
        var states = PatchComplianceItem.NonCompliantStates.Select(s => new BsonValue(s.ToString())).ToArray();
        BsonExpression? Where(string? nodeId)
        {
            var node = nodeId is null ? null : Query.EQ("NodeId", nodeId);
            var state = nonCompliantOnly ? Query.In("State", states) : null;
            return node is null ? state : state is null ? node : Query.And(node, state);
        }
        return _catalog.Run(db =>
            {
                var items = Items(db);
                IEnumerable<PatchComplianceItem> Find(string? nodeId) => Where(nodeId) is { } where ? items.Find(where) : items.FindAll();
                return (nodeIds is null ? Find(null) : nodeIds.SelectMany(Find)).ToList();
            })
            .OrderBy(i => i.NodeName, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.PatchId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each node's last patch operation (all nodes, or the given ones).</summary>
    public IReadOnlyList<NodePatchState> ReadStates(IReadOnlyCollection<string>? nodeIds = null) => _catalog.Run(db =>
        {
            var states = States(db);
            return (nodeIds is null ? states.FindAll() : nodeIds.Select(id => states.FindById(id)).Where(s => s is not null)).ToList();
        })
        .OrderBy(s => s.NodeName, StringComparer.OrdinalIgnoreCase).ToList();
}

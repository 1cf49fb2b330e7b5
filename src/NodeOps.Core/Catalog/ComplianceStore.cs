using LiteDB;
using NodeOps.Core.Compliance;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Every node's latest compliance items, per type. The one write is <see cref="ReplaceItems"/>: a source's report
/// for a node and type replaces what that source reported before, in one transaction (like SSM's
/// PutComplianceItems), so a fixed problem disappears and a half-written report is never seen.
/// </summary>
public sealed class ComplianceStore : IComplianceSink
{
    private readonly NodeCatalog _catalog;
    private bool _indexed;
    internal ComplianceStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<ComplianceItem> Items(LiteDatabase db) => db.GetCollection<ComplianceItem>(CatalogCollections.Compliance);

    /// <summary>
    /// Replaces the node's items of <paramref name="complianceType"/> (Patch, Association, Custom:NAME, Check:SUITE)
    /// with <paramref name="items"/>; an empty list clears them. With <see cref="ComplianceUploadType.Partial"/> only the
    /// items given are added or replaced (by id) and the others stay. Returns the items as stored.
    /// </summary>
    public IReadOnlyList<ComplianceItem> ReplaceItems(string nodeId, string complianceType, IReadOnlyList<ComplianceItemInput> items, string executionId, DateTime executedAt,
        ComplianceUploadType uploadType = ComplianceUploadType.Complete)
    {
        EnsureIndexes();
        return _catalog.InTransaction(db => ReplaceItems(db, nodeId, complianceType, items, executionId, executedAt, uploadType));
    }

    /// <summary>The same write inside a caller's transaction, so a source's own record and its compliance commit together.</summary>
    internal IReadOnlyList<ComplianceItem> ReplaceItems(LiteDatabase db, string nodeId, string complianceType, IReadOnlyList<ComplianceItemInput> items, string executionId,
        DateTime executedAt, ComplianceUploadType uploadType = ComplianceUploadType.Complete)
    {
        var type = ComplianceRules.NormalizeType(complianceType);
        var at = executedAt.ToUniversalTime();
        var stored = items.GroupBy(i => i.Id, StringComparer.Ordinal).Select(g => g.Last()).Select(i => new ComplianceItem
        {
            Key = ComplianceItem.MakeKey(nodeId, type, i.Id), NodeId = nodeId, Type = type, Id = i.Id, Title = i.Title,
            Status = i.Status, Severity = i.Severity, ExecutionId = executionId, ExecutedAt = at,
            Details = i.Details is null ? new(StringComparer.Ordinal) : new Dictionary<string, string>(i.Details, StringComparer.Ordinal),
        }).ToList();
        var collection = Items(db);
        var ofNodeAndType = Query.StartsWith("_id", ComplianceItem.MakeKey(nodeId, type, ""));
        // Before the write: a trigger fires on an item that becomes NonCompliant, not on one that stays so.
        _catalog.AutomationTriggers.RecordTransitions(db, nodeId, () => collection.Find(ofNodeAndType).ToDictionary(i => i.Id, i => i.Status, StringComparer.Ordinal), stored);
        if (uploadType == ComplianceUploadType.Complete)
        {
            collection.DeleteMany(ofNodeAndType);
            if (stored.Count > 0) collection.InsertBulk(stored);
        }
        else
        {
            foreach (var item in stored) collection.Upsert(item);
        }
        return stored;
    }

    /// <summary>Removes every node's item of one type and id (its source is gone, e.g. a removed association).</summary>
    internal void RemoveItems(LiteDatabase db, string complianceType, string id) => Items(db).DeleteMany(i => i.Type == complianceType && i.Id == id);

    /// <summary>Items of the given nodes (all when null) whose type passes <paramref name="typeMatch"/>, in node, type, id order.</summary>
    public IReadOnlyList<ComplianceItem> Find(IReadOnlyCollection<string>? nodeIds, Func<string, bool>? typeMatch = null) => _catalog.Run(db =>
    {
        var collection = Items(db);
        IEnumerable<ComplianceItem> rows = nodeIds is { Count: > 0 and <= 20 }
            ? nodeIds.SelectMany(id => collection.Find(Query.StartsWith("_id", id + "|")))
            : collection.FindAll();
        if (nodeIds is not null)
        {
            var wanted = new HashSet<string>(nodeIds, StringComparer.Ordinal);
            rows = rows.Where(r => wanted.Contains(r.NodeId));
        }
        if (typeMatch is not null) rows = rows.Where(r => typeMatch(r.Type));
        return rows.OrderBy(r => r.NodeId, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    });

    public IReadOnlyList<string> Types() => _catalog.Run(db =>
        Items(db).Query().Select(i => i.Type).ToEnumerable().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    // Indexes are made on first use rather than by a schema migration: the collection is new, older files simply lack it.
    internal void EnsureIndexes()
    {
        if (_indexed) return;
        _catalog.Run(db =>
        {
            Items(db).EnsureIndex(i => i.NodeId);
            Items(db).EnsureIndex(i => i.Type);
        });
        _indexed = true;
    }
}

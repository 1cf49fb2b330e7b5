using LiteDB;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Each node's latest inventory per type, and the changes between collections. A collection replaces the
/// node's rows of that type and records what was added, removed or changed, in one transaction.
/// </summary>
public sealed class InventoryStore : Inventory.IInventorySink
{
    private readonly NodeCatalog _catalog;
    internal InventoryStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<InventoryEntry> Entries(LiteDatabase db) => db.GetCollection<InventoryEntry>(CatalogCollections.Inventory);
    private static ILiteCollection<InventoryChange> Changes(LiteDatabase db) => db.GetCollection<InventoryChange>(CatalogCollections.InventoryChanges);

    /// <summary>Stores a full collection of one type for a node; returns the changes it found.</summary>
    public IReadOnlyList<InventoryChange> Replace(string nodeId, string typeName, string? scheme, IReadOnlyList<(string Key, string Name, Dictionary<string, string> Values)> rows, DateTime capturedAt)
        => _catalog.InTransaction(db => ReplaceIn(db, nodeId, typeName, scheme, rows, capturedAt));

    private static IReadOnlyList<InventoryChange> ReplaceIn(LiteDatabase db, string nodeId, string typeName, string? scheme,
        IReadOnlyList<(string Key, string Name, Dictionary<string, string> Values)> rows, DateTime capturedAt)
    {
        var entries = Entries(db);
        var prefix = InventoryEntry.MakeId(nodeId, typeName, "");
        var before = entries.Find(Query.StartsWith("_id", prefix)).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var changes = new List<InventoryChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var upserts = new List<InventoryEntry>();
        foreach (var (key, name, values) in rows)
        {
            if (!seen.Add(key)) continue;
            var entry = new InventoryEntry
            {
                Id = InventoryEntry.MakeId(nodeId, typeName, key), NodeId = nodeId, TypeName = typeName, Key = key,
                Name = name.ToLowerInvariant(), Scheme = scheme, Values = values, CapturedAt = capturedAt,
            };
            upserts.Add(entry);
            if (!before.TryGetValue(key, out var old))
                changes.Add(Change(nodeId, typeName, key, InventoryChangeKind.Added, null, values, capturedAt));
            else if (!SameValues(old.Values, values))
                changes.Add(Change(nodeId, typeName, key, InventoryChangeKind.Changed, old.Values, values, capturedAt));
        }
        foreach (var gone in before.Values.Where(e => !seen.Contains(e.Key)))
        {
            entries.Delete(gone.Id);
            changes.Add(Change(nodeId, typeName, gone.Key, InventoryChangeKind.Removed, gone.Values, null, capturedAt));
        }
        // Unchanged rows keep their stored form; only new and changed rows are written.
        foreach (var e in upserts.Where(u => !before.TryGetValue(u.Key, out var old) || !SameValues(old.Values, u.Values))) entries.Upsert(e);
        if (changes.Count > 0) InventoryQueryCache.Advance(db);
        // The first collection of a type is a baseline, not drift.
        if (before.Count > 0 && changes.Count > 0)
        {
            Changes(db).InsertBulk(changes);
            var retention = db.GetCollection<NodeOpsPreferences>(CatalogCollections.Preferences).FindById("preferences")?.InventoryChangeRetentionDays
                ?? new NodeOpsPreferences().InventoryChangeRetentionDays;
            if (retention > 0) Changes(db).DeleteMany(Query.LT("Time", capturedAt.AddDays(-retention)));
        }
        return changes;
    }

    public IReadOnlyList<InventoryChange> Store(string nodeId, string typeName, string? scheme, IReadOnlyList<Dictionary<string, string>> rows, DateTime capturedAt) =>
        Replace(nodeId, typeName, scheme, Identified(typeName, rows), capturedAt);

    /// <summary>
    /// Replaces a node's rows of a custom type, after checking them against the type's schema (the attribute
    /// names of its first write); with replaceSchema the rows given become the schema.
    /// </summary>
    public IReadOnlyList<InventoryChange> StoreCustom(string nodeId, string typeName, IReadOnlyList<Dictionary<string, string>> rows, bool replaceSchema, DateTime capturedAt) =>
        _catalog.InTransaction(db =>
        {
            var schemas = db.GetCollection<InventorySchema>(CatalogCollections.InventorySchemas);
            var schema = schemas.FindById(typeName);
            if (rows.Count > 0)
            {
                if (schema is not null && !replaceSchema && Inventory.CustomInventory.Difference(schema.Attributes, rows[0].Keys) is { Length: > 0 } diff)
                    throw new Errors.NodeOpsException(Errors.ErrorIds.InventorySchemaMismatch, System.Management.Automation.ErrorCategory.InvalidData, typeName,
                        $"The rows do not have the attributes of {typeName} ({diff}). Its schema is: {string.Join(", ", schema.Attributes)}. Use -Force to make these rows the new schema.");
                if (schema is null || replaceSchema)
                    schemas.Upsert(new InventorySchema { TypeName = typeName, Attributes = rows[0].Keys.ToList(), UpdatedAt = capturedAt });
            }
            return ReplaceIn(db, nodeId, typeName, null, Identified(typeName, rows), capturedAt);
        });

    public InventorySchema? SchemaOf(string typeName) =>
        _catalog.Run(db => db.GetCollection<InventorySchema>(CatalogCollections.InventorySchemas).FindById(typeName));

    private static List<(string Key, string Name, Dictionary<string, string> Values)> Identified(string typeName, IReadOnlyList<Dictionary<string, string>> rows) =>
        rows.Select((r, i) =>
        {
            var (key, name) = Inventory.InventoryRows.Identify(typeName, r, i);
            return (key, name, r);
        }).ToList();

    /// <summary>
    /// Rows of a type across the fleet, narrowed by the indexed name (exact, or a prefix for "name*"). Narrowed
    /// answers are kept for the next identical question until inventory changes (<see cref="InventoryQueryCache"/>).
    /// </summary>
    public IReadOnlyList<InventoryEntry> Find(string typeName, string? nameExact, string? namePrefix, IReadOnlyCollection<string>? nodeIds) => _catalog.Run(db =>
    {
        var entries = Entries(db);
        // The name index alone narrows to a handful of rows per node; the type is checked on those.
        IEnumerable<InventoryEntry> rows = nameExact is not null || namePrefix is not null
            ? InventoryQueryCache.GetOrAdd(db, _catalog.Path, typeName, nameExact?.ToLowerInvariant(), namePrefix?.ToLowerInvariant(), () =>
                (nameExact is not null
                    ? entries.Find(Query.EQ("Name", nameExact.ToLowerInvariant()))
                    : entries.Find(Query.StartsWith("Name", namePrefix!.ToLowerInvariant()))).Where(e => e.TypeName == typeName).ToList())
            : entries.Find(Query.EQ("TypeName", typeName));
        if (nodeIds is not null) rows = rows.Where(r => nodeIds.Contains(r.NodeId));
        return rows.ToList();
    });

    public IReadOnlyList<InventoryChange> ChangesSince(DateTime since, string? typeName, IReadOnlyCollection<string>? nodeIds) => _catalog.Run(db =>
    {
        IEnumerable<InventoryChange> rows = Changes(db).Find(Query.GTE("Time", since.ToUniversalTime()));
        if (typeName is not null) rows = rows.Where(c => c.TypeName.Equals(typeName, StringComparison.OrdinalIgnoreCase));
        if (nodeIds is not null) rows = rows.Where(c => nodeIds.Contains(c.NodeId));
        return rows.OrderBy(c => c.Time).ToList();
    });

    public IReadOnlyList<string> TypeNames() => _catalog.Run(db =>
        Entries(db).Query().Select(e => e.TypeName).ToEnumerable().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    /// <summary>Values that change on every collection and are not drift.</summary>
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal) { "UptimeSeconds" };

    private static bool SameValues(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Keys.Where(k => !Volatile.Contains(k)).Count() == b.Keys.Where(k => !Volatile.Contains(k)).Count()
        && a.All(kv => Volatile.Contains(kv.Key) || b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static InventoryChange Change(string nodeId, string typeName, string key, InventoryChangeKind kind,
        Dictionary<string, string>? before, Dictionary<string, string>? after, DateTime time) => new()
    {
        NodeId = nodeId, TypeName = typeName, Key = key, Change = kind, Before = before, After = after, Time = time,
    };
}

using System.Collections.Concurrent;
using LiteDB;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Keeps the rows of recent name-narrowed inventory queries in this process, valid while the catalog's
/// inventory generation (a counter every inventory write raises, from any process) is unchanged. A repeated
/// question ("which nodes have openssl below 3.0.8") then costs one small read instead of thousands of rows.
/// </summary>
internal static class InventoryQueryCache
{
    private const string Meta = "meta", GenerationId = "inventory_generation";
    private const int MaxEntries = 64;

    private static readonly ConcurrentDictionary<(string Catalog, string Type, string? Exact, string? Prefix), (long Generation, List<InventoryEntry> Rows)> Entries = new();

    public static long Generation(LiteDatabase db) =>
        db.GetCollection(Meta).FindById(GenerationId) is { } doc ? doc["Generation"].AsInt64 : 0;

    /// <summary>Called inside every transaction that changes inventory rows or schemas.</summary>
    public static void Advance(LiteDatabase db) =>
        db.GetCollection(Meta).Upsert(new BsonDocument { ["_id"] = GenerationId, ["Generation"] = Generation(db) + 1 });

    public static List<InventoryEntry> GetOrAdd(LiteDatabase db, string catalog, string type, string? exact, string? prefix, Func<List<InventoryEntry>> load)
    {
        var key = (catalog, type, exact, prefix);
        var generation = Generation(db);
        if (Entries.TryGetValue(key, out var hit) && hit.Generation == generation) return hit.Rows;
        var rows = load();
        if (Entries.Count >= MaxEntries) Entries.Clear();
        Entries[key] = (generation, rows);
        return rows;
    }
}

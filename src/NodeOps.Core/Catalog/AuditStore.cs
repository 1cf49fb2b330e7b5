using LiteDB;
using NodeOps.Core.Audit;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>The audit trail: append-only, hash-chained events in the catalog.</summary>
public sealed class AuditStore
{
    private readonly NodeCatalog _catalog;
    internal AuditStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<AuditEvent> Events(LiteDatabase db) => db.GetCollection<AuditEvent>(CatalogCollections.Audit);

    /// <summary>Appends an event after the last one, linking it by hash (one transaction, so concurrent writers keep one chain).</summary>
    public AuditEvent Append(AuditEvent e) => _catalog.InTransaction(db =>
    {
        var last = Events(db).Query().OrderByDescending(x => x.Sequence).FirstOrDefault();
        e.Sequence = (last?.Sequence ?? 0) + 1;
        e.PreviousHash = last?.Hash ?? "";
        e.Time = DateTime.SpecifyKind(new DateTime(e.Time.ToUniversalTime().Ticks / 10_000 * 10_000), DateTimeKind.Utc); // LiteDB keeps milliseconds
        e.Hash = AuditHash.Of(e);
        Events(db).Insert(e);
        return e;
    });

    public IReadOnlyList<AuditEvent> Query(AuditQuery q) => _catalog.Run(db =>
    {
        IEnumerable<AuditEvent> rows = Events(db).Query().OrderByDescending(x => x.Sequence).ToEnumerable();
        if (q.After is { } after) rows = rows.Where(e => e.Time >= after.ToUniversalTime());
        if (q.Before is { } before) rows = rows.Where(e => e.Time <= before.ToUniversalTime());
        if (q.User is { } user) rows = rows.Where(e => e.User.Equals(user, StringComparison.OrdinalIgnoreCase));
        if (q.Cmdlet is { } cmdlet) rows = rows.Where(e => cmdlet.IsMatch(e.Cmdlet));
        if (q.Targets is { Count: > 0 } targets)
            rows = rows.Where(e => e.Targets.Concat(e.ResultIds).Any(t => targets.Contains(t, StringComparer.OrdinalIgnoreCase)));
        if (q.Outcome is { } outcome) rows = rows.Where(e => e.Outcome == outcome);
        if (q.First is { } first) rows = rows.Take(first);
        return rows.ToList();
    });

    /// <summary>Walks the chain from the first event; reports the first event that was edited or follows a removed one.</summary>
    public AuditTrailCheck Verify() => _catalog.Run(db =>
    {
        var previousHash = "";
        long expected = 1, count = 0;
        foreach (var e in Events(db).Query().OrderBy(x => x.Sequence).ToEnumerable())
        {
            count++;
            string? reason = null;
            if (e.Sequence != expected) reason = $"event {expected}{(e.Sequence > expected + 1 ? $" to {e.Sequence - 1}" : "")} is missing";
            else if (e.PreviousHash != previousHash) reason = "its link to the previous event does not match (an earlier event was changed or removed)";
            else if (AuditHash.Of(e) != e.Hash) reason = "its content does not match its hash (it was edited)";
            if (reason is not null) return new AuditTrailCheck { Valid = false, EventCount = count, FirstBrokenSequence = e.Sequence, Reason = reason };
            previousHash = e.Hash;
            expected = e.Sequence + 1;
        }
        return new AuditTrailCheck { Valid = true, EventCount = count };
    });
}

public sealed class AuditQuery
{
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public string? User { get; init; }
    public System.Management.Automation.WildcardPattern? Cmdlet { get; init; }
    /// <summary>Any of these among an event's targets or result ids (a node's name and id, say).</summary>
    public IReadOnlyList<string>? Targets { get; init; }
    public AuditOutcome? Outcome { get; init; }
    public int? First { get; init; }
}

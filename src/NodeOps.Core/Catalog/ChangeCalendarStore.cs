using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>Change calendars, and the gate that runs consult before they start.</summary>
public sealed class ChangeCalendarStore
{
    private readonly NodeCatalog _catalog;

    internal ChangeCalendarStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<ChangeCalendar> Calendars(LiteDatabase db) => db.GetCollection<ChangeCalendar>(CatalogCollections.ChangeCalendars);

    public ChangeCalendar Create(ChangeCalendar calendar)
    {
        if (!SsmName.IsValid(calendar.Name))
            throw new NodeOpsException(ErrorIds.InvalidChangeCalendar, ErrorCategory.InvalidArgument, calendar.Name,
                $"'{calendar.Name}' is not a valid calendar name: 3 to 128 of a-z, A-Z, 0-9, _, - and '.'.");
        foreach (var e in calendar.Events.Where(e => e.End <= e.Start))
            throw new NodeOpsException(ErrorIds.InvalidChangeCalendar, ErrorCategory.InvalidArgument, e,
                $"The event '{e.Summary}' ends ({e.End:u}) before it starts ({e.Start:u}).");
        return _catalog.InTransaction(db =>
        {
            if (Find(db, calendar.Name) is not null)
                throw new NodeOpsException(ErrorIds.ChangeCalendarNameInUse, ErrorCategory.ResourceExists, calendar.Name,
                    $"A change calendar named '{calendar.Name}' already exists.");
            calendar.CreatedDate = calendar.ModifiedDate = DateTime.UtcNow;
            calendar.Events = calendar.Events.OrderBy(e => e.Start).ToList();
            Calendars(db).Insert(calendar);
            return calendar;
        });
    }

    public ChangeCalendar Get(string name) => _catalog.Run(db => Find(db, name))
        ?? throw new NodeOpsException(ErrorIds.ChangeCalendarNotFound, ErrorCategory.ObjectNotFound, name, $"No change calendar is named '{name}'.");

    public IReadOnlyList<ChangeCalendar> All() => _catalog.Run(db => Calendars(db).FindAll().OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList());

    /// <summary>Removes a calendar by its stored name (as <see cref="Get"/> returns it).</summary>
    public void Remove(string name) => _catalog.Run(db => Calendars(db).Delete(name));

    private static ChangeCalendar? Find(LiteDatabase db, string name) =>
        Calendars(db).FindById(name) ?? Calendars(db).FindAll().FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Refuses names of calendars that do not exist (checked when a window, association or command names them).</summary>
    public void CheckExist(IEnumerable<string> names)
    {
        foreach (var n in names) Get(n);
    }

    /// <summary>
    /// The gate a run passes before it starts: why it must be skipped now (null when every named calendar is open),
    /// and whether the emergency override let it through (only when it names a calendar).
    /// </summary>
    public (string? ClosedReason, bool Ignored) Gate(IReadOnlyCollection<string> names, DateTime utc, bool ignore) =>
        ignore ? (null, names.Count > 0) : (ClosedReason(names, utc), false);

    /// <summary>The reason a run must be skipped now (the first named calendar that is closed), or null when all are open.</summary>
    public string? ClosedReason(IEnumerable<string> names, DateTime utc)
    {
        foreach (var name in names)
        {
            var calendar = _catalog.Run(db => Find(db, name));
            if (calendar is null) return $"Change calendar '{name}' does not exist (treated as closed).";
            var state = calendar.StateAt(utc);
            if (state.State == ChangeCalendarStateValue.CLOSED)
                return $"Change calendar '{calendar.Name}' is CLOSED{(state.Event is { } e ? $" ({e})" : "")}"
                       + (state.NextTransitionTime is { } t ? $" until {t:u}." : ".");
        }
        return null;
    }

}

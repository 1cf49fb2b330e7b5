using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>
/// A change calendar (SSM Change Calendar): open or closed by default, with events that flip it for their
/// duration. Runs that name it are skipped while it is closed.
/// </summary>
public sealed class ChangeCalendar
{
    [BsonId] public string Name { get; set; } = "";
    public string? Description { get; set; }
    public ChangeCalendarDefault DefaultState { get; set; } = ChangeCalendarDefault.DEFAULT_OPEN;
    public List<ChangeCalendarEvent> Events { get; set; } = new();
    public DateTime CreatedDate { get; set; }
    public DateTime ModifiedDate { get; set; }

    /// <summary>The state at an instant: the default, flipped while any event covers it.</summary>
    public ChangeCalendarState StateAt(DateTime utc)
    {
        var inEvent = EventAt(utc);
        var open = IsOpen(inEvent);
        var next = Events.SelectMany(e => new[] { e.Start, e.End }).Where(t => t > utc).Order()
            .Cast<DateTime?>().FirstOrDefault(t => IsOpen(EventAt(t!.Value)) != open);
        return new ChangeCalendarState
        {
            CalendarName = Name,
            AtTime = utc,
            State = open ? ChangeCalendarStateValue.OPEN : ChangeCalendarStateValue.CLOSED,
            Event = inEvent?.Summary,
            NextTransitionTime = next,
        };
    }

    private ChangeCalendarEvent? EventAt(DateTime utc) => Events.FirstOrDefault(e => e.Start <= utc && utc < e.End);

    /// <summary>The default, flipped while an event covers the instant.</summary>
    private bool IsOpen(ChangeCalendarEvent? inEvent) => (DefaultState == ChangeCalendarDefault.DEFAULT_OPEN) == (inEvent is null);

    public override string ToString() => Name;
}

public enum ChangeCalendarDefault { DEFAULT_OPEN, DEFAULT_CLOSED }

public enum ChangeCalendarStateValue { OPEN, CLOSED }

public sealed class ChangeCalendarEvent
{
    public string? Summary { get; set; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }

    public override string ToString() => $"{Summary} {Start:u} - {End:u}";
}

public sealed class ChangeCalendarState
{
    public string CalendarName { get; set; } = "";
    public ChangeCalendarStateValue State { get; set; }
    public DateTime AtTime { get; set; }
    public string? Event { get; set; }
    public DateTime? NextTransitionTime { get; set; }

    public override string ToString() => $"{CalendarName}: {State}";
}

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
        var inEvent = Events.FirstOrDefault(e => e.Start <= utc && utc < e.End);
        var open = DefaultState == ChangeCalendarDefault.DEFAULT_OPEN ? inEvent is null : inEvent is not null;
        var next = Events.SelectMany(e => new[] { e.Start, e.End }).Where(t => t > utc).Order()
            .Cast<DateTime?>().FirstOrDefault(t => StateIsOpen(t!.Value) != open);
        return new ChangeCalendarState
        {
            CalendarName = Name,
            AtTime = utc,
            State = open ? ChangeCalendarStateValue.OPEN : ChangeCalendarStateValue.CLOSED,
            Event = inEvent?.Summary,
            NextTransitionTime = next,
        };
    }

    private bool StateIsOpen(DateTime utc)
    {
        var inEvent = Events.Any(e => e.Start <= utc && utc < e.End);
        return DefaultState == ChangeCalendarDefault.DEFAULT_OPEN ? !inEvent : inEvent;
    }

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

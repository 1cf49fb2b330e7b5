using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using Xunit;
using static NodeOps.Tests.Unit.ScheduleTimes;

namespace NodeOps.Tests.Unit;

public class ChangeCalendarTests
{
    [Fact]
    public void State_is_the_default_flipped_inside_events_with_the_next_transition()
    {
        var open = new ChangeCalendar
        {
            Name = "prod",
            Events =
            {
                new() { Summary = "Freeze A", Start = Utc("2026-12-20T00:00Z"), End = Utc("2026-12-27T00:00Z") },
                new() { Summary = "Freeze B", Start = Utc("2026-12-27T00:00Z"), End = Utc("2027-01-02T00:00Z") },
            },
        };
        var before = open.StateAt(Utc("2026-12-19T12:00Z"));
        Assert.Equal((ChangeCalendarStateValue.OPEN, Utc("2026-12-20T00:00Z")), (before.State, before.NextTransitionTime!.Value));
        var inside = open.StateAt(Utc("2026-12-24T00:00Z"));
        // Back-to-back events: the calendar opens again only when the second ends.
        Assert.Equal((ChangeCalendarStateValue.CLOSED, "Freeze A", Utc("2027-01-02T00:00Z")), (inside.State, inside.Event, inside.NextTransitionTime!.Value));
        Assert.Equal(ChangeCalendarStateValue.OPEN, open.StateAt(Utc("2027-01-02T00:00Z")).State);

        var closed = new ChangeCalendar { Name = "windows", DefaultState = ChangeCalendarDefault.DEFAULT_CLOSED, Events = { new() { Start = Utc("2026-05-01T22:00Z"), End = Utc("2026-05-02T02:00Z") } } };
        Assert.Equal(ChangeCalendarStateValue.CLOSED, closed.StateAt(Utc("2026-05-01T21:59Z")).State);
        Assert.Equal(ChangeCalendarStateValue.OPEN, closed.StateAt(Utc("2026-05-01T22:00Z")).State);
        Assert.Null(closed.StateAt(Utc("2026-05-03T00:00Z")).NextTransitionTime);
    }

    [Fact]
    public void Ics_events_read_in_utc_zones_floating_and_whole_days()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            + "BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20261220T000000Z\r\nDTEND:20261227T000000Z\r\nSUMMARY:Holiday freeze\\, part 1\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:2\r\nDTSTART;TZID=Europe/Berlin:20260329T010000\r\nDTEND;TZID=Europe/Berlin:20260329T040000\r\nSUMMARY:DST\r\n night\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:3\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:New year\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:4\r\nDTSTART:20260601T080000\r\nDURATION:PT2H\r\nSUMMARY:Floating\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n";
        var read = ICalendarReader.Read(ics, "test.ics", ScheduleExpression.ResolveTimeZone("America/New_York"), Utc("2026-06-01T00:00Z"));
        Assert.Equal(new[] { "DSTnight", "Floating", "Holiday freeze, part 1", "New year", "New year" }, read.Events.Select(e => e.Summary));
        Assert.Equal((Utc("2026-03-29T00:00Z"), Utc("2026-03-29T02:00Z")), (read.Events[0].Start, read.Events[0].End));
        Assert.Equal((Utc("2026-06-01T12:00Z"), Utc("2026-06-01T14:00Z")), (read.Events[1].Start, read.Events[1].End));
        Assert.Equal((Utc("2026-12-20T00:00Z"), Utc("2026-12-27T00:00Z")), (read.Events[2].Start, read.Events[2].End));
        // A whole-day recurring event: each year's day in the floating zone, up to two years after the import.
        Assert.Equal((Utc("2026-12-31T05:00Z"), Utc("2027-01-01T05:00Z")), (read.Events[3].Start, read.Events[3].End));
        Assert.Equal(Utc("2027-12-31T05:00Z"), read.Events[4].Start);
        Assert.Contains(read.Warnings, w => w.Contains("'New year' repeats") && w.Contains("2 occurrence(s)"));
    }

    [Fact]
    public void A_weekly_recurring_freeze_becomes_its_occurrences()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART;TZID=Europe/Berlin:20260306T170000\r\nDTEND;TZID=Europe/Berlin:20260306T230000\r\n"
            + "RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=5\r\nSUMMARY:No Friday evening changes\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var events = ICalendarReader.Read(ics, "fridays.ics", null, Utc("2026-03-01T00:00Z")).Events;
        // 17:00 Berlin is 16:00Z in winter and 15:00Z after the change to summer time on 29 March.
        Assert.Equal(new[] { Utc("2026-03-06T16:00Z"), Utc("2026-03-13T16:00Z"), Utc("2026-03-20T16:00Z"), Utc("2026-03-27T16:00Z"), Utc("2026-04-03T15:00Z") }, events.Select(e => e.Start));
        Assert.All(events, e => Assert.Equal(TimeSpan.FromHours(6), e.End - e.Start));
        var calendar = new ChangeCalendar { Name = "fridays", Events = events.ToList() };
        Assert.Equal(ChangeCalendarStateValue.CLOSED, calendar.StateAt(Utc("2026-03-13T20:00Z")).State);
        Assert.Equal(ChangeCalendarStateValue.CLOSED, calendar.StateAt(Utc("2026-04-03T20:00Z")).State);
        Assert.Equal(ChangeCalendarStateValue.OPEN, calendar.StateAt(Utc("2026-04-10T20:00Z")).State);
    }

    [Theory]
    [InlineData("BEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT\n")]
    [InlineData("BEGIN:VEVENT\nDTSTART:2026-12-20\nEND:VEVENT\n")]
    [InlineData("BEGIN:VEVENT\nDTSTART:20261220T000000Z\n")]
    public void Bad_ics_is_CalendarFileUnreadable(string ics)
    {
        var ex = Assert.Throws<NodeOpsException>(() => ICalendarReader.Read(ics, "bad.ics"));
        Assert.Equal(ErrorIds.CalendarFileUnreadable, ex.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, ex.Category);
    }
}

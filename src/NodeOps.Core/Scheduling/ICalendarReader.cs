using System.Management.Automation;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// Reads the events of an iCalendar (.ics, RFC 5545) file with Ical.Net: each VEVENT's start and end (DTEND or
/// DURATION; a whole day for a date without an end), in UTC, a TZID zone, floating (read in the given zone) or whole
/// days. Recurring events (RRULE, RDATE) are expanded into their occurrences up to a horizon, since a change calendar
/// stores plain intervals; the caller is told how far.
/// </summary>
public static class ICalendarReader
{
    public const int MaxOccurrencesPerEvent = 2000;
    public static readonly TimeSpan RecurrenceHorizon = TimeSpan.FromDays(2 * 366);

    public sealed record Result(IReadOnlyList<ChangeCalendarEvent> Events, IReadOnlyList<string> Warnings);

    public static Result Read(string text, string source, TimeZoneInfo? floatingZone = null, DateTime? nowUtc = null)
    {
        var zone = floatingZone ?? TimeZoneInfo.Utc;
        var now = nowUtc ?? DateTime.UtcNow;
        Calendar calendar;
        try
        {
            calendar = Calendar.Load(text) ?? throw Unreadable(source, "No VCALENDAR was found.");
        }
        catch (Exception ex) when (ex is not NodeOpsException)
        {
            throw Unreadable(source, ex.Message, ex);
        }
        var events = new List<ChangeCalendarEvent>();
        var warnings = new List<string>();
        foreach (var e in calendar.Events)
        {
            if (e.DtStart is null) throw Unreadable(source, $"The event '{e.Summary}' has no DTSTART.");
            var recurring = e.RecurrenceRule is not null || e.RecurrenceDates.GetAllDates().Any() || e.RecurrenceDates.GetAllPeriods().Any();
            if (!recurring)
            {
                var start = Utc(e.DtStart, zone);
                events.Add(new ChangeCalendarEvent { Summary = e.Summary, Start = start, End = End(e, start, zone) });
                continue;
            }
            var until = now + RecurrenceHorizon;
            var from = new CalDateTime(now.AddDays(-1), "UTC");
            var count = 0;
            try
            {
                foreach (var o in e.GetOccurrences(from))
                {
                    var start = Utc(o.Period.StartTime, zone);
                    if (start > until || ++count > MaxOccurrencesPerEvent) break;
                    var end = o.Period.EffectiveEndTime is { } effective ? Utc(effective, zone) : End(e, start, zone);
                    events.Add(new ChangeCalendarEvent { Summary = e.Summary, Start = start, End = end });
                }
            }
            catch (Exception ex) when (ex is not NodeOpsException)
            {
                throw Unreadable(source, $"The recurrence of '{e.Summary}' cannot be expanded: {ex.Message}", ex);
            }
            warnings.Add($"The event '{e.Summary}' repeats: its {Math.Min(count, MaxOccurrencesPerEvent)} occurrence(s) until {until:yyyy-MM-dd} were imported; import the file again later to extend it.");
        }
        return new Result(events.OrderBy(e => e.Start).ToList(), warnings);
    }

    private static DateTime End(CalendarEvent e, DateTime startUtc, TimeZoneInfo zone)
    {
        if (e.DtEnd is not null) return Utc(e.DtEnd, zone);
        if (e.Duration is { } d) return startUtc + d.ToTimeSpanUnspecified();
        return e.DtStart!.HasTime ? startUtc : startUtc.AddDays(1);
    }

    /// <summary>UTC for a time with a zone; floating times and whole days are read in the given zone.</summary>
    private static DateTime Utc(CalDateTime t, TimeZoneInfo zone)
    {
        if (t.IsFloating) return ScheduleExpression.ToUtc(t.Value, zone);
        if (!t.HasTime) return ScheduleExpression.ToUtc(t.Value, ScheduleExpression.ResolveTimeZone(t.TzId));
        return DateTime.SpecifyKind(t.AsUtc, DateTimeKind.Utc);
    }

    private static NodeOpsException Unreadable(string source, string message, Exception? inner = null) =>
        new(ErrorIds.CalendarFileUnreadable, ErrorCategory.InvalidData, source, $"{source}: {message}", inner);
}

using System.Globalization;
using System.Management.Automation;
using System.Text;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// Reads the events of an iCalendar (.ics, RFC 5545) file: each VEVENT's DTSTART, DTEND (or DURATION) and SUMMARY,
/// with times in UTC (Z), in a TZID zone, floating (taken in the given zone) or whole days (VALUE=DATE).
/// Recurrence rules are not expanded: an event with RRULE counts once, and is reported back as a warning.
/// </summary>
public static class ICalendarReader
{
    public sealed record Result(IReadOnlyList<ChangeCalendarEvent> Events, IReadOnlyList<string> Warnings);

    public static Result Read(string text, string source, TimeZoneInfo? floatingZone = null)
    {
        var zone = floatingZone ?? TimeZoneInfo.Utc;
        var events = new List<ChangeCalendarEvent>();
        var warnings = new List<string>();
        Dictionary<string, (Dictionary<string, string> Params, string Value)>? current = null;
        var lineNo = 0;
        foreach (var line in Unfold(text))
        {
            lineNo++;
            if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase)) { current = new(StringComparer.OrdinalIgnoreCase); continue; }
            if (line.Equals("END:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                if (current is null) throw Unreadable(source, "END:VEVENT without BEGIN:VEVENT.");
                events.Add(ToEvent(current, source, zone, warnings));
                current = null;
                continue;
            }
            if (current is null) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var head = line[..colon].Split(';');
            var parameters = head.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.OrdinalIgnoreCase);
            current[head[0]] = (parameters, line[(colon + 1)..]);
        }
        if (current is not null) throw Unreadable(source, "A VEVENT is not closed with END:VEVENT.");
        return new Result(events, warnings);
    }

    private static ChangeCalendarEvent ToEvent(Dictionary<string, (Dictionary<string, string> Params, string Value)> props, string source, TimeZoneInfo zone, List<string> warnings)
    {
        var summary = props.TryGetValue("SUMMARY", out var s) ? Unescape(s.Value) : null;
        if (!props.TryGetValue("DTSTART", out var start)) throw Unreadable(source, $"The event '{summary}' has no DTSTART.");
        var (startUtc, allDay) = Time(start.Params, start.Value, source, zone);
        DateTime endUtc;
        if (props.TryGetValue("DTEND", out var end)) endUtc = Time(end.Params, end.Value, source, zone).Utc;
        else if (props.TryGetValue("DURATION", out var duration)) endUtc = startUtc + Duration(duration.Value, source);
        else endUtc = allDay ? startUtc.AddDays(1) : startUtc;
        if (props.ContainsKey("RRULE")) warnings.Add($"The event '{summary}' repeats (RRULE); only its first occurrence ({startUtc:u}) was imported.");
        return new ChangeCalendarEvent { Summary = summary, Start = startUtc, End = endUtc };
    }

    private static (DateTime Utc, bool AllDay) Time(Dictionary<string, string> parameters, string value, string source, TimeZoneInfo floating)
    {
        if (parameters.TryGetValue("VALUE", out var kind) && kind.Equals("DATE", StringComparison.OrdinalIgnoreCase) || value.Length == 8)
        {
            if (!DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw Unreadable(source, $"'{value}' is not a date (yyyyMMdd).");
            return (ScheduleExpression.ToUtc(day, parameters.TryGetValue("TZID", out var tz) ? ScheduleExpression.ResolveTimeZone(tz) : floating), true);
        }
        var utc = value.EndsWith('Z');
        if (!DateTime.TryParseExact(value.TrimEnd('Z'), "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            throw Unreadable(source, $"'{value}' is not a date-time (yyyyMMddTHHmmss[Z]).");
        if (utc) return (DateTime.SpecifyKind(t, DateTimeKind.Utc), false);
        var zone = parameters.TryGetValue("TZID", out var id) ? ScheduleExpression.ResolveTimeZone(id) : floating;
        return (ScheduleExpression.ToUtc(t, zone), false);
    }

    private static TimeSpan Duration(string value, string source)
    {
        try { return System.Xml.XmlConvert.ToTimeSpan(value.TrimStart('+')); }
        catch (FormatException) { throw Unreadable(source, $"'{value}' is not a DURATION."); }
    }

    private static IEnumerable<string> Unfold(string text)
    {
        var sb = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t')) { sb.Append(raw, 1, raw.Length - 1); continue; }
            if (sb.Length > 0) yield return sb.ToString();
            sb.Clear().Append(raw.TrimEnd('\r'));
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    private static string Unescape(string s) => s.Replace("\\n", "\n").Replace("\\N", "\n").Replace("\\,", ",").Replace("\\;", ";").Replace("\\\\", "\\");

    private static NodeOpsException Unreadable(string source, string message) =>
        new(ErrorIds.CalendarFileUnreadable, ErrorCategory.InvalidData, source, $"{source}: {message}");
}

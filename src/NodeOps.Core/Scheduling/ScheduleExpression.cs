using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Scheduling;

public enum ScheduleKind { Cron, Rate, At }

/// <summary>
/// An SSM schedule expression with its time zone: cron(six fields, SSM day-of-week 1-7 = SUN-SAT, year),
/// plain five-field cron, rate(N minutes|hours|days) or at(yyyy-MM-ddTHH:mm:ss), and an optional offset in days
/// (cron only). Occurrences are UTC instants; daylight-saving gaps and overlaps are resolved by Cronos.
/// </summary>
public sealed partial class ScheduleExpression
{
    public string Text { get; }
    public ScheduleKind Kind { get; }
    public TimeZoneInfo TimeZone { get; }
    public int OffsetDays { get; }
    /// <summary>The interval of a rate expression.</summary>
    public TimeSpan? Interval { get; }
    private readonly SsmCron? _cron;
    private readonly DateTime? _atUtc;

    private ScheduleExpression(string text, ScheduleKind kind, TimeZoneInfo zone, int offsetDays, SsmCron? cron, TimeSpan? interval, DateTime? atUtc)
    {
        Text = text;
        Kind = kind;
        TimeZone = zone;
        OffsetDays = offsetDays;
        _cron = cron;
        Interval = interval;
        _atUtc = atUtc;
    }

    public static ScheduleExpression Parse(string expression, string? timeZone = null, int offsetDays = 0)
    {
        var text = (expression ?? "").Trim();
        var zone = ResolveTimeZone(timeZone);
        if (offsetDays is < 0 or > 6)
            throw Invalid(text, "The schedule offset must be between 0 and 6 days.");
        if (text.StartsWith("rate(", StringComparison.OrdinalIgnoreCase) && text.EndsWith(')'))
        {
            if (offsetDays != 0) throw Invalid(text, "A schedule offset applies to cron expressions only.");
            var m = RatePattern().Match(text);
            if (!m.Success) throw Invalid(text, "A rate expression is rate(N minute|minutes|hour|hours|day|days) with N a positive whole number.");
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (n < 1) throw Invalid(text, "The rate must be at least 1.");
            var unit = m.Groups[2].Value.ToLowerInvariant().TrimEnd('s');
            var interval = unit switch { "minute" => TimeSpan.FromMinutes(n), "hour" => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
            return new ScheduleExpression(text, ScheduleKind.Rate, zone, 0, null, interval, null);
        }
        if (text.StartsWith("at(", StringComparison.OrdinalIgnoreCase) && text.EndsWith(')'))
        {
            if (offsetDays != 0) throw Invalid(text, "A schedule offset applies to cron expressions only.");
            var inner = text[3..^1].Trim();
            if (!DateTime.TryParseExact(inner, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                throw Invalid(text, "An at expression is at(yyyy-MM-ddTHH:mm:ss), in the schedule's time zone.");
            return new ScheduleExpression(text, ScheduleKind.At, zone, 0, null, null, ToUtc(local, zone));
        }
        string fields;
        bool ssm;
        if (text.StartsWith("cron(", StringComparison.OrdinalIgnoreCase) && text.EndsWith(')'))
        {
            fields = text[5..^1];
            ssm = true;
        }
        else
        {
            fields = text;
            ssm = false;
        }
        SsmCron cron;
        try
        {
            cron = SsmCron.Parse(fields, ssm);
        }
        catch (FormatException ex)
        {
            throw Invalid(text, ex.Message + " Expected cron(minutes hours day-of-month month day-of-week year), rate(...), at(...) or a five-field cron.");
        }
        return new ScheduleExpression(text, ScheduleKind.Cron, zone, offsetDays, cron, null, null);
    }

    public static TimeZoneInfo ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || id == "Etc/UTC") return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new NodeOpsException(ErrorIds.InvalidTimeZone, ErrorCategory.InvalidArgument, id,
                $"'{id}' is not a known time zone. Use an IANA id such as Europe/Berlin or America/New_York.");
        }
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="afterUtc"/>. A rate schedule counts its intervals
    /// from <paramref name="anchorUtc"/> (the first run is one interval after it).
    /// </summary>
    public DateTime? Next(DateTime afterUtc, DateTime anchorUtc)
    {
        afterUtc = AsUtc(afterUtc);
        switch (Kind)
        {
            case ScheduleKind.At:
                return _atUtc > afterUtc ? _atUtc : null;
            case ScheduleKind.Rate:
            {
                var anchor = AsUtc(anchorUtc);
                var step = Interval!.Value.Ticks;
                var k = afterUtc < anchor ? 1 : (afterUtc - anchor).Ticks / step + 1;
                // Past the end of the calendar (year 9999) there is no next run, not an overflow.
                return k * step <= DateTime.MaxValue.Ticks - anchor.Ticks ? anchor.AddTicks(k * step) : null;
            }
            default:
            {
                if (OffsetDays == 0) return _cron!.Next(afterUtc, TimeZone);
                // The cron instant whose shifted run is the first after afterUtc: search from a little earlier.
                var from = afterUtc.AddDays(-OffsetDays - 1);
                while (_cron!.Next(from, TimeZone) is { } baseUtc)
                {
                    var shifted = Shift(baseUtc);
                    if (shifted > afterUtc) return shifted;
                    from = baseUtc;
                }
                return null;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> occurrences after a time.</summary>
    public IReadOnlyList<DateTime> Occurrences(DateTime afterUtc, DateTime anchorUtc, int count)
    {
        var list = new List<DateTime>();
        var t = afterUtc;
        while (list.Count < count && Next(t, anchorUtc) is { } next)
        {
            list.Add(next);
            t = next;
        }
        return list;
    }

    /// <summary>Occurrences in (fromUtc, toUtc], at most <paramref name="limit"/> of them (the latest ones are kept).</summary>
    public IReadOnlyList<DateTime> Between(DateTime fromUtc, DateTime toUtc, DateTime anchorUtc, int limit = 1000)
    {
        var list = new List<DateTime>();
        var t = fromUtc;
        while (Next(t, anchorUtc) is { } next && next <= toUtc)
        {
            list.Add(next);
            if (list.Count > limit) list.RemoveAt(0);
            t = next;
        }
        return list;
    }

    private DateTime Shift(DateTime baseUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(baseUtc, TimeZone).AddDays(OffsetDays);
        return ToUtc(local, TimeZone);
    }

    /// <summary>A wall-clock time in a zone as UTC; a time in a spring-forward gap moves forward by the gap.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var gap = zone.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && r.DateEnd >= local)?.DaylightDelta ?? TimeSpan.FromHours(1);
            local = local.Add(gap);
        }
        // An ambiguous time (autumn overlap) is taken at its first, daylight instant.
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static DateTime AsUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    private static NodeOpsException Invalid(string text, string message) =>
        new(ErrorIds.InvalidSchedule, ErrorCategory.InvalidArgument, text, $"'{text}' is not a valid schedule: {message}");

    [GeneratedRegex(@"^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex RatePattern();

    public override string ToString() => Text;
}

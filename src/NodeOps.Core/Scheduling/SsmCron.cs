using System.Globalization;
using Cronos;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// SSM's cron fields on top of Cronos: day-of-week 1-7 = SUN-SAT is renumbered to Cronos' 0-6, the year field
/// (1970-2199) is applied as a filter, and SSM's rule that one of day-of-month and day-of-week is '?' is kept.
/// A plain five-field cron (day-of-week 0-7, 0 and 7 = Sunday) goes to Cronos unchanged.
/// </summary>
public sealed class SsmCron
{
    private readonly CronExpression _cron;
    private readonly CronYearField _years;

    private SsmCron(CronExpression cron, CronYearField years)
    {
        _cron = cron;
        _years = years;
    }

    /// <exception cref="FormatException">The fields are not a valid expression.</exception>
    internal static SsmCron Parse(string fields, bool ssm)
    {
        var parts = fields.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string cronText;
        var years = CronYearField.Any;
        if (ssm)
        {
            if (parts.Length is not (5 or 6))
                throw new FormatException($"cron(...) has {parts.Length} fields; SSM's has six (minutes hours day-of-month month day-of-week year).");
            if (parts[2] != "?" && parts[4] != "?")
                throw new FormatException("One of day-of-month and day-of-week must be '?' (SSM does not combine them).");
            if (parts[2] == "?" && parts[4] == "?")
                throw new FormatException("Day-of-month and day-of-week cannot both be '?'.");
            if (parts.Length == 6) years = CronYearField.Parse(parts[5]);
            cronText = string.Join(' ', parts[0], parts[1], parts[2], parts[3], RenumberDaysOfWeek(parts[4]));
        }
        else
        {
            if (parts.Length != 5)
                throw new FormatException($"A plain cron expression has five fields (minute hour day-of-month month day-of-week); this one has {parts.Length}.");
            cronText = string.Join(' ', parts);
        }
        try
        {
            return new SsmCron(CronExpression.Parse(cronText, CronFormat.Standard), years);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    internal DateTime? Next(DateTime afterUtc, TimeZoneInfo zone)
    {
        var from = afterUtc;
        for (var guard = 0; guard < 500; guard++)
        {
            var next = _cron.GetNextOccurrence(from, zone, inclusive: false);
            if (next is null) return null;
            var year = TimeZoneInfo.ConvertTimeFromUtc(next.Value, zone).Year;
            if (_years.Contains(year)) return next;
            var nextYear = _years.NextAfter(year);
            if (nextYear is null) return null;
            // Resume just before the first instant of that year in the zone.
            from = ScheduleExpression.ToUtc(new DateTime(nextYear.Value, 1, 1), zone).AddTicks(-1);
        }
        return null;
    }

    /// <summary>SSM numbers days 1 (SUN) to 7 (SAT); Cronos 0 (SUN) to 6 (SAT). Names, L and # keep their meaning.</summary>
    public static string RenumberDaysOfWeek(string field)
    {
        if (field is "?" or "*") return field;
        return string.Join(',', field.Split(',').Select(item =>
        {
            var step = "";
            var slash = item.IndexOf('/');
            if (slash >= 0) { step = item[slash..]; item = item[..slash]; }
            var nth = "";
            var hash = item.IndexOf('#');
            if (hash >= 0) { nth = item[hash..]; item = item[..hash]; }
            var last = "";
            if (item.Length > 1 && item.EndsWith('L')) { last = "L"; item = item[..^1]; }
            var range = item.Split('-');
            if (range.Length > 2) throw new FormatException($"'{item}' is not a day-of-week range.");
            return string.Join('-', range.Select(Day)) + last + nth + step;
        }));

        static string Day(string d)
        {
            if (d is "*" or "L") return d;
            if (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return d; // SUN..SAT
            if (n is < 1 or > 7) throw new FormatException($"Day-of-week {n} is out of range: SSM numbers days 1 (SUN) to 7 (SAT).");
            return (n - 1).ToString(CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>SSM's year field: *, a year, ranges, lists and steps within 1970-2199.</summary>
internal sealed class CronYearField
{
    public const int First = 1970, Last = 2199;
    private readonly bool[] _years = new bool[Last - First + 1];

    public static readonly CronYearField Any = Parse("*");

    public static CronYearField Parse(string field)
    {
        var result = new CronYearField();
        foreach (var item in field.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw new FormatException($"'{item}' is not a valid year."),
            };
            int from, to;
            if (range == "*") (from, to) = (First, Last);
            else if (range.Split('-') is [var a, var b]) (from, to) = (Year(a), Year(b));
            else (from, to) = (Year(range), item.Contains('/') ? Last : Year(range));
            if (from > to) throw new FormatException($"The year range '{range}' runs backwards.");
            for (var y = from; y <= to; y += step) result._years[y - First] = true;
        }
        return result;

        static int Year(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= First and <= Last
            ? y : throw new FormatException($"The year '{s}' is outside {First}-{Last}.");
    }

    public bool Contains(int year) => year is >= First and <= Last && _years[year - First];

    public int? NextAfter(int year)
    {
        for (var y = Math.Max(year + 1, First); y <= Last; y++)
            if (_years[y - First]) return y;
        return null;
    }
}

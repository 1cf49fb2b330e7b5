using System.Globalization;
using System.Xml;

namespace NodeOps.Core.Automation;

/// <summary>aws:sleep's ISO 8601 Duration (PT10S, P1DT2H) and Timestamp (2026-07-07T15:55:00Z) values.</summary>
public static class WaitTimes
{
    public static TimeSpan? Duration(string text)
    {
        if (!text.StartsWith('P')) return null;
        try { return XmlConvert.ToTimeSpan(text.Trim()); }
        catch (FormatException) { return null; }
        catch (OverflowException) { return null; }
    }

    public static DateTime? Timestamp(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && text.Contains('T') ? t.UtcDateTime : null;
}

using System.Globalization;

namespace NodeOps.Tests.Unit;

/// <summary>UTC instants written short in the schedule and change-calendar tests: "2026-05-01T02:00Z".</summary>
internal static class ScheduleTimes
{
    public static DateTime Utc(string s) => DateTime.ParseExact(s, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

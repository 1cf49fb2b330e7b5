namespace NodeOps.Core.Scheduling;

/// <summary>The scheduler's notion of now; unit tests inject a clock they move by hand.</summary>
public interface ISchedulerClock
{
    DateTime UtcNow { get; }
}

public sealed class SystemSchedulerClock : ISchedulerClock
{
    public static readonly SystemSchedulerClock Instance = new();
    public DateTime UtcNow => DateTime.UtcNow;
}

/// <summary>
/// How long a window "hour" (Duration, Cutoff) lasts. Always one hour, except when the test-only environment
/// variable NODEOPS_TEST_HOUR_SECONDS is set: the end-to-end tests shrink an hour to seconds so that a window's
/// duration and cutoff play out on real nodes in a test run. Not documented for users.
/// </summary>
public static class WindowHour
{
    public const string TestVariable = "NODEOPS_TEST_HOUR_SECONDS";

    public static TimeSpan Length =>
        double.TryParse(Environment.GetEnvironmentVariable(TestVariable), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromHours(1);
}

namespace NodeOps.Core.Scheduling;

/// <summary>One upcoming run of a schedule: the UTC instant and the wall-clock time in the schedule's zone.</summary>
public sealed class ScheduleOccurrence
{
    public int Index { get; init; }
    public string Expression { get; init; } = "";
    public string TimeZone { get; init; } = "UTC";
    public DateTime UtcTime { get; init; }
    public DateTime LocalTime { get; init; }
    public TimeSpan UtcOffset { get; init; }

    public override string ToString() => $"{LocalTime:yyyy-MM-dd HH:mm:ss} {TimeZone}";
}

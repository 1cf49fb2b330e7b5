using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Scheduling;

/// <summary>SSM's limits on a maintenance window, checked before anything is written.</summary>
public static class MaintenanceWindowRules
{
    public const int MaxDuration = 24, MaxCutoff = 23;

    public static void Check(MaintenanceWindow w)
    {
        if (!SsmName.IsValid(w.Name))
            throw Invalid(w.Name, $"'{w.Name}' is not a valid window name: 3 to 128 of a-z, A-Z, 0-9, _, - and '.'.");
        if (w.Duration is < 1 or > MaxDuration)
            throw Invalid(w.Duration, $"Duration is {w.Duration} hours; it must be 1 to {MaxDuration}.");
        if (w.Cutoff is < 0 or > MaxCutoff || w.Cutoff >= w.Duration)
            throw Invalid(w.Cutoff, $"Cutoff is {w.Cutoff} hours; it must be 0 to {MaxCutoff} and less than the duration ({w.Duration}).");
        if (w.StartDate is { } s && w.EndDate is { } e && e <= s)
            throw Invalid(w.EndDate, "EndDate must be after StartDate.");
        ScheduleExpression.Parse(w.Schedule, w.ScheduleTimezone, w.ScheduleOffset);
        if (w.ScheduleOffset != 0 && !w.Schedule.TrimStart().StartsWith("cron(", StringComparison.OrdinalIgnoreCase))
            throw Invalid(w.ScheduleOffset, "A schedule offset applies to cron(...) schedules only.");
    }

    /// <summary>The schedule of a window, parsed.</summary>
    public static ScheduleExpression ScheduleOf(MaintenanceWindow w) => ScheduleExpression.Parse(w.Schedule, w.ScheduleTimezone, w.ScheduleOffset);

    /// <summary>Where rate schedules count from: the start date, else the moment the window was created.</summary>
    public static DateTime AnchorOf(MaintenanceWindow w) => w.StartDate ?? w.CreatedDate;

    private static NodeOpsException Invalid(object? target, string message) =>
        new(ErrorIds.InvalidMaintenanceWindow, ErrorCategory.InvalidArgument, target, message);

}

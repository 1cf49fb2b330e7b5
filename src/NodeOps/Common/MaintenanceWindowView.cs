using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;

namespace NodeOps.Common;

/// <summary>Fills what a window shows but does not store: its next execution time.</summary>
internal static class MaintenanceWindowView
{
    public static MaintenanceWindow WithNext(MaintenanceWindow w)
    {
        var now = DateTime.UtcNow;
        var after = w.LastOccurrence is { } last && last > now ? last : now;
        if (w.StartDate is { } start && start > after) after = start.AddTicks(-1);
        var next = MaintenanceWindowRules.ScheduleOf(w).Next(after, MaintenanceWindowRules.AnchorOf(w));
        w.NextExecutionTime = w.Enabled && (w.EndDate is null || next <= w.EndDate) ? next : null;
        return w;
    }
}

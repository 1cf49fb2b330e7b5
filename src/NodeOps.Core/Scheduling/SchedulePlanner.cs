using NodeOps.Core.Models;

namespace NodeOps.Core.Scheduling;

public enum PlanAction { None, Run, RunLate, SkipMissed }

/// <summary>What a scheduler pass should do about one schedule.</summary>
public readonly record struct PlanDecision(PlanAction Action, DateTime Occurrence, int MissedCount)
{
    public static readonly PlanDecision Nothing = new(PlanAction.None, default, 0);
}

/// <summary>
/// Pure planning of one schedule at one instant: which occurrence (if any) is due since the last one handled,
/// and what the missed-run policy makes of occurrences that passed while no scheduler ran.
/// </summary>
public static class SchedulePlanner
{
    /// <param name="lastHandled">The latest occurrence already dealt with (or the creation time).</param>
    /// <param name="openFor">How long after its occurrence a run still counts as on time (a window: duration minus cutoff).</param>
    public static PlanDecision Plan(ScheduleExpression schedule, DateTime anchor, DateTime lastHandled, DateTime now,
        TimeSpan openFor, MissedRunPolicy policy, DateTime? startDate = null, DateTime? endDate = null)
    {
        var due = schedule.Between(lastHandled, now, anchor)
            .Where(t => (startDate is null || t >= startDate) && (endDate is null || t <= endDate)).ToList();
        if (due.Count == 0) return PlanDecision.Nothing;
        var latest = due[^1];
        if (now < latest + openFor) return new PlanDecision(PlanAction.Run, latest, due.Count - 1);
        return policy == MissedRunPolicy.RunOnceLate
            ? new PlanDecision(PlanAction.RunLate, latest, due.Count - 1)
            : new PlanDecision(PlanAction.SkipMissed, latest, due.Count);
    }

    /// <summary>When a window execution for an occurrence closes, and after when no task may start.</summary>
    public static (DateTime CutoffTime, DateTime WindowEnd) Bounds(DateTime start, int durationHours, int cutoffHours, TimeSpan hour)
    {
        var end = start + hour * durationHours;
        return (end - hour * cutoffHours, end);
    }
}

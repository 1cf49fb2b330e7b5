using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;

namespace NodeOps.Common;

/// <summary>Fills what an association shows but does not store: its next scheduled time.</summary>
internal static class AssociationView
{
    public static NodeAssociation WithNext(NodeAssociation a)
    {
        if (a.ScheduleExpression is null) return a;
        var now = DateTime.UtcNow;
        var after = a.LastOccurrence is { } last && last > now ? last : now;
        a.NextExecutionTime = ScheduleExpression.Parse(a.ScheduleExpression, a.ScheduleTimezone, a.ScheduleOffset).Next(after, a.CreatedDate);
        return a;
    }
}

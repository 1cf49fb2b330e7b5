using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Scheduling;

namespace NodeOps.Cmdlets;

/// <summary>Shows the next runs of an SSM schedule expression (cron, rate or at) in a time zone.</summary>
[Cmdlet(VerbsCommon.Get, "NodeOpsScheduleOccurrence")]
[OutputType(typeof(ScheduleOccurrence))]
public sealed class GetNodeOpsScheduleOccurrenceCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Schedule", "ScheduleExpression")]
    public string Expression { get; set; } = "";

    /// <summary>IANA time zone the schedule's wall-clock times are in (default UTC).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ScheduleTimezone")]
    public string? TimeZone { get; set; }

    /// <summary>Days to wait after each cron occurrence (0-6, cron only).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 6)]
    public int ScheduleOffset { get; set; }

    [Parameter] [ValidateRange(1, 1000)] public int Count { get; set; } = 5;

    /// <summary>Occurrences after this time (default now); a rate schedule counts from it too.</summary>
    [Parameter] public DateTime? After { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var schedule = ScheduleExpression.Parse(Expression, TimeZone, ScheduleOffset);
        var after = (After ?? DateTime.UtcNow).ToUniversalTime();
        var i = 0;
        foreach (var t in schedule.Occurrences(after, after, Count))
        {
            var offset = schedule.TimeZone.GetUtcOffset(t);
            WriteObject(new ScheduleOccurrence
            {
                Index = ++i,
                Expression = schedule.Text,
                TimeZone = schedule.TimeZone.Id,
                UtcTime = t,
                LocalTime = DateTime.SpecifyKind(t + offset, DateTimeKind.Unspecified),
                UtcOffset = offset,
            });
        }
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Creates a maintenance window: a schedule, a duration and a cutoff, in which registered tasks run.</summary>
[Cmdlet(VerbsCommon.New, "MaintenanceWindow", SupportsShouldProcess = true)]
[OutputType(typeof(MaintenanceWindow))]
public sealed class NewMaintenanceWindowCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>cron(...), rate(...) or at(...), as SSM writes them; a plain five-field cron works too.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Schedule { get; set; } = "";

    /// <summary>Hours the window stays open (1-24).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int Duration { get; set; }

    /// <summary>Hours before the end after which no new task starts (0-23, less than the duration).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int Cutoff { get; set; }

    /// <summary>IANA time zone of the schedule (default UTC).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("TimeZone")]
    public string? ScheduleTimezone { get; set; }

    /// <summary>Days after each cron occurrence to run instead (0-6; cron only).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public int ScheduleOffset { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public DateTime? StartDate { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public DateTime? EndDate { get; set; }

    /// <summary>Let tasks name nodes that are not registered as targets of the window.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter AllowUnassociatedTargets { get; set; }

    /// <summary>Change calendars that must be open for an execution to run (else it is recorded as skipped).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[]? ChangeCalendarName { get; set; }

    /// <summary>Skip (default) or RunOnceLate: what the scheduler does with occurrences it missed entirely.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public MissedRunPolicy MissedRunPolicy { get; set; } = MissedRunPolicy.Skip;

    /// <summary>Create the window disabled (-Enabled:$false); the scheduler ignores it until enabled.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool Enabled { get; set; } = true;

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var window = new MaintenanceWindow
        {
            Name = Name,
            Schedule = Schedule.Trim(),
            ScheduleTimezone = ScheduleTimezone,
            ScheduleOffset = ScheduleOffset,
            Duration = Duration,
            Cutoff = Cutoff,
            Description = Description,
            StartDate = StartDate?.ToUniversalTime(),
            EndDate = EndDate?.ToUniversalTime(),
            AllowUnassociatedTargets = AllowUnassociatedTargets,
            ChangeCalendarNames = ChangeCalendarName?.ToList() ?? new(),
            MissedRunPolicy = MissedRunPolicy,
            Enabled = Enabled,
        };
        Core.Scheduling.MaintenanceWindowRules.Check(window);
        Catalog.ChangeCalendars.CheckExist(window.ChangeCalendarNames);
        if (!ShouldProcess(Name, "Create maintenance window")) return;
        WriteObject(MaintenanceWindowView.WithNext(Catalog.MaintenanceWindows.Create(window)));
    });
}

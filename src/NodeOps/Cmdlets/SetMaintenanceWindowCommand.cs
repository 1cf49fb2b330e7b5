using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Changes a maintenance window's settings; parameters left out keep their values.</summary>
[Cmdlet(VerbsCommon.Set, "MaintenanceWindow", SupportsShouldProcess = true)]
[OutputType(typeof(MaintenanceWindow))]
public sealed class SetMaintenanceWindowCommand : NodeOpsCmdlet
{
    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    /// <summary>A new name.</summary>
    [Parameter] public string? NewName { get; set; }
    [Parameter] public string? Schedule { get; set; }
    [Parameter] [Alias("TimeZone")] public string? ScheduleTimezone { get; set; }
    [Parameter] public int? ScheduleOffset { get; set; }
    [Parameter] public int? Duration { get; set; }
    [Parameter] public int? Cutoff { get; set; }
    [Parameter] public string? Description { get; set; }
    [Parameter] public DateTime? StartDate { get; set; }
    [Parameter] public DateTime? EndDate { get; set; }
    [Parameter] public bool? AllowUnassociatedTargets { get; set; }
    [Parameter] public bool? Enabled { get; set; }
    [Parameter] public MissedRunPolicy? MissedRunPolicy { get; set; }

    /// <summary>Replaces the list of change calendars (an empty list removes them).</summary>
    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[]? ChangeCalendarName { get; set; }

    /// <summary>Write the changed window to the pipeline.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var w = Catalog.MaintenanceWindows.Get(WindowId);
        if (NewName is not null) w.Name = NewName;
        if (Schedule is not null) w.Schedule = Schedule.Trim();
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ScheduleTimezone))) w.ScheduleTimezone = ScheduleTimezone;
        if (ScheduleOffset is { } offset) w.ScheduleOffset = offset;
        if (Duration is { } d) w.Duration = d;
        if (Cutoff is { } c) w.Cutoff = c;
        if (Description is not null) w.Description = Description;
        if (StartDate is { } s) w.StartDate = s.ToUniversalTime();
        if (EndDate is { } e) w.EndDate = e.ToUniversalTime();
        if (AllowUnassociatedTargets is { } a) w.AllowUnassociatedTargets = a;
        if (Enabled is { } en) w.Enabled = en;
        if (MissedRunPolicy is { } p) w.MissedRunPolicy = p;
        if (ChangeCalendarName is not null)
        {
            Catalog.ChangeCalendars.CheckExist(ChangeCalendarName);
            w.ChangeCalendarNames = ChangeCalendarName.ToList();
        }
        Core.Scheduling.MaintenanceWindowRules.Check(w);
        if (!ShouldProcess(w.Name, "Change maintenance window")) return;
        Catalog.MaintenanceWindows.Update(w);
        if (PassThru) WriteObject(MaintenanceWindowView.WithNext(w));
        else NoteResult(w.WindowId);
    });
}

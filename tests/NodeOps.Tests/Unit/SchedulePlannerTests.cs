using NodeOps.Core.Catalog;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Core.Transport;
using NodeOps.Tests.Infrastructure;
using Xunit;
using static NodeOps.Tests.Unit.ScheduleTimes;

namespace NodeOps.Tests.Unit;

/// <summary>Window planning and scheduler passes with an injected clock (a real catalog file, no nodes).</summary>
public class SchedulePlannerTests
{
    private sealed class ManualClock : ISchedulerClock
    {
        public DateTime UtcNow { get; set; }
    }

    private readonly string _catalogPath = Path.Combine(TestPaths.NewTempDirectory(), "catalog.db");

    [Fact]
    public void Due_occurrences_run_on_time_and_missed_ones_follow_the_policy()
    {
        var daily = ScheduleExpression.Parse("cron(0 2 * * ? *)");
        var created = Utc("2026-05-01T00:00Z");
        var openFor = TimeSpan.FromHours(2); // duration 3, cutoff 1

        Assert.Equal(PlanAction.None, SchedulePlanner.Plan(daily, created, created, Utc("2026-05-01T01:59Z"), openFor, MissedRunPolicy.Skip).Action);
        Assert.Equal(new PlanDecision(PlanAction.Run, Utc("2026-05-01T02:00Z"), 0),
            SchedulePlanner.Plan(daily, created, created, Utc("2026-05-01T02:00Z"), openFor, MissedRunPolicy.Skip));
        // Still before the cutoff: on time, even if the scheduler comes late.
        Assert.Equal(PlanAction.Run, SchedulePlanner.Plan(daily, created, created, Utc("2026-05-01T03:59Z"), openFor, MissedRunPolicy.Skip).Action);
        // Past the cutoff: missed.
        Assert.Equal(new PlanDecision(PlanAction.SkipMissed, Utc("2026-05-01T02:00Z"), 1),
            SchedulePlanner.Plan(daily, created, created, Utc("2026-05-01T04:00Z"), openFor, MissedRunPolicy.Skip));
        Assert.Equal(new PlanDecision(PlanAction.RunLate, Utc("2026-05-01T02:00Z"), 0),
            SchedulePlanner.Plan(daily, created, created, Utc("2026-05-01T04:00Z"), openFor, MissedRunPolicy.RunOnceLate));
        // A week off: one late run of the latest occurrence, the six before it are counted as missed.
        Assert.Equal(new PlanDecision(PlanAction.RunLate, Utc("2026-05-07T02:00Z"), 6),
            SchedulePlanner.Plan(daily, created, created, Utc("2026-05-07T12:00Z"), openFor, MissedRunPolicy.RunOnceLate));
        // Handled already: nothing until the next day.
        Assert.Equal(PlanAction.None, SchedulePlanner.Plan(daily, created, Utc("2026-05-07T02:00Z"), Utc("2026-05-07T12:00Z"), openFor, MissedRunPolicy.RunOnceLate).Action);
        // Start and end dates bound the occurrences.
        Assert.Equal(PlanAction.None, SchedulePlanner.Plan(daily, created, created, Utc("2026-05-01T02:30Z"), openFor, MissedRunPolicy.Skip, startDate: Utc("2026-05-02T00:00Z")).Action);
        Assert.Equal(PlanAction.None, SchedulePlanner.Plan(daily, created, created, Utc("2026-05-03T02:30Z"), openFor, MissedRunPolicy.Skip, endDate: Utc("2026-04-30T00:00Z")).Action);
    }

    [Fact]
    public void Cutoff_and_end_follow_duration_and_cutoff_hours()
    {
        var start = Utc("2026-05-01T02:00Z");
        var (cutoff, end) = SchedulePlanner.Bounds(start, 4, 1, TimeSpan.FromHours(1));
        Assert.Equal(Utc("2026-05-01T05:00Z"), cutoff);
        Assert.Equal(Utc("2026-05-01T06:00Z"), end);
    }

    /// <summary>Stores a window as if it had been created at <paramref name="createdAt"/> (rate schedules count from then).</summary>
    private static MaintenanceWindow CreateWindow(NodeCatalog catalog, MaintenanceWindow window, DateTime createdAt)
    {
        window = catalog.MaintenanceWindows.Create(window);
        window.CreatedDate = createdAt;
        catalog.MaintenanceWindows.Update(window);
        return window;
    }

    private NodeOpsScheduler Scheduler(NodeCatalog catalog, ISchedulerClock clock, bool ignoreCalendar = false) =>
        new(catalog, NodeSessionPool.Shared, ConnectionSettings.ForCatalog(catalog.Path), clock, new SchedulerOptions { IgnoreChangeCalendar = ignoreCalendar, HourLength = TimeSpan.FromHours(1) });

    [Fact]
    public async Task Passes_claim_each_occurrence_once_even_with_two_schedulers()
    {
        var clock = new ManualClock { UtcNow = Utc("2026-05-01T00:00Z") };
        using var a = NodeCatalog.Open(_catalogPath);
        using var b = NodeCatalog.Open(_catalogPath);
        var window = CreateWindow(a, new MaintenanceWindow { Name = "hourly", Schedule = "rate(1 hour)", Duration = 2, Cutoff = 1 }, clock.UtcNow);

        Assert.Empty(await Scheduler(a, clock).RunOnceAsync(CancellationToken.None));
        clock.UtcNow = Utc("2026-05-01T01:00Z");
        var first = await Task.WhenAll(Scheduler(a, clock).RunOnceAsync(CancellationToken.None), Scheduler(b, clock).RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, first.Sum(w => w.Count));
        Assert.Empty(await Scheduler(b, clock).RunOnceAsync(CancellationToken.None));

        clock.UtcNow = Utc("2026-05-01T02:10Z");
        Assert.Single(await Scheduler(b, clock).RunOnceAsync(CancellationToken.None));
        var executions = a.MaintenanceWindows.ExecutionsOf(window.WindowId);
        Assert.Equal(new[] { Utc("2026-05-01T02:00Z"), Utc("2026-05-01T01:00Z") }, executions.Select(e => e.Occurrence));
        Assert.All(executions, e => Assert.Equal(WindowExecutionStatus.Success, e.Status)); // no tasks: nothing failed

        // Off for five hours: the latest occurrence (07:00) is still before its cutoff (08:00), so it runs; the ones before are dropped.
        clock.UtcNow = Utc("2026-05-01T07:30Z");
        var scheduler = Scheduler(a, clock);
        var late = (MaintenanceWindowExecution)scheduler.Reload(Assert.Single(await scheduler.RunOnceAsync(CancellationToken.None)));
        Assert.Equal((WindowExecutionStatus.Success, Utc("2026-05-01T07:00Z"), false), (late.Status, late.Occurrence, late.Late));

        // When even the latest occurrence is past its cutoff, policy Skip records one Skipped execution for the missed ones.
        window = a.MaintenanceWindows.Get("hourly");
        window.Duration = 1; window.Cutoff = 0;
        window.Schedule = "cron(0 22 * * ? *)";
        a.MaintenanceWindows.Update(window);
        clock.UtcNow = Utc("2026-05-02T23:30Z"); // 2026-05-01 22:00 and 2026-05-02 22:00 both past their one-hour window
        var skip = (MaintenanceWindowExecution)scheduler.Reload(Assert.Single(await scheduler.RunOnceAsync(CancellationToken.None)));
        Assert.Equal((WindowExecutionStatus.Skipped, Utc("2026-05-02T22:00Z")), (skip.Status, skip.Occurrence));
        Assert.Contains("2 occurrence(s)", skip.StatusDetails);

        // RunOnceLate turns the next fully missed occurrence into one late execution, measured from now.
        window = a.MaintenanceWindows.Get("hourly");
        window.MissedRunPolicy = MissedRunPolicy.RunOnceLate;
        a.MaintenanceWindows.Update(window);
        clock.UtcNow = Utc("2026-05-04T09:00Z");
        var caughtUp = (MaintenanceWindowExecution)scheduler.Reload(Assert.Single(await scheduler.RunOnceAsync(CancellationToken.None)));
        Assert.Equal((WindowExecutionStatus.Success, Utc("2026-05-03T22:00Z"), true, Utc("2026-05-04T10:00Z")),
            (caughtUp.Status, caughtUp.Occurrence, caughtUp.Late, caughtUp.WindowEnd));
    }

    [Fact]
    public async Task A_closed_change_calendar_skips_the_execution_with_the_reason_unless_ignored()
    {
        var clock = new ManualClock { UtcNow = Utc("2026-05-01T00:00Z") };
        using var catalog = NodeCatalog.Open(_catalogPath);
        catalog.ChangeCalendars.Create(new ChangeCalendar
        {
            Name = "freeze",
            DefaultState = ChangeCalendarDefault.DEFAULT_OPEN,
            Events = { new ChangeCalendarEvent { Summary = "Release freeze", Start = Utc("2026-05-01T00:30Z"), End = Utc("2026-05-01T03:00Z") } },
        });
        CreateWindow(catalog, new MaintenanceWindow { Name = "gated", Schedule = "rate(1 hour)", Duration = 2, Cutoff = 1, ChangeCalendarNames = { "freeze" } }, clock.UtcNow);

        clock.UtcNow = Utc("2026-05-01T01:00Z");
        var scheduler = Scheduler(catalog, clock);
        var e = (MaintenanceWindowExecution)scheduler.Reload(Assert.Single(await scheduler.RunOnceAsync(CancellationToken.None)));
        Assert.Equal(WindowExecutionStatus.Skipped, e.Status);
        Assert.Contains("'freeze' is CLOSED (Release freeze) until 2026-05-01 03:00:00Z", e.StatusDetails);

        clock.UtcNow = Utc("2026-05-01T02:00Z");
        var forced = Scheduler(catalog, clock, ignoreCalendar: true);
        e = (MaintenanceWindowExecution)forced.Reload(Assert.Single(await forced.RunOnceAsync(CancellationToken.None)));
        Assert.Equal(WindowExecutionStatus.Success, e.Status);
        Assert.True(e.IgnoredChangeCalendar);

        clock.UtcNow = Utc("2026-05-01T03:00Z");
        e = (MaintenanceWindowExecution)scheduler.Reload(Assert.Single(await scheduler.RunOnceAsync(CancellationToken.None)));
        Assert.Equal(WindowExecutionStatus.Success, e.Status);
        Assert.False(e.IgnoredChangeCalendar);
    }
}

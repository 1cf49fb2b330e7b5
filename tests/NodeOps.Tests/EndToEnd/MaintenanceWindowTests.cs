using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>
/// Maintenance windows on the real fleet with the real clock. A window "hour" is shrunk to a few seconds with the
/// test-only NODEOPS_TEST_HOUR_SECONDS, so duration and cutoff play out within the test; assertions are on the
/// recorded order and statuses, not on tight times.
/// </summary>
[Collection("Fleet")]
public class MaintenanceWindowTests : IDisposable
{
    internal const string HourSeconds = "3";
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public MaintenanceWindowTests()
    {
        Environment.SetEnvironmentVariable(WindowHour.TestVariable, HourSeconds);
        _ids = TestFleet.Register(_shell, 2);
    }

    public void Dispose() => _shell.Dispose();

    /// <summary>An at(...) schedule a few seconds ahead, in UTC.</summary>
    internal static string SoonAt(int seconds) => $"at({DateTime.UtcNow.AddSeconds(seconds):yyyy-MM-dd'T'HH:mm:ss})";

    internal static void WaitPast(string atExpression)
    {
        var when = DateTime.SpecifyKind(DateTime.ParseExact(atExpression[3..^1], "yyyy-MM-dd'T'HH:mm:ss", null), DateTimeKind.Utc);
        var wait = when - DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        if (wait > TimeSpan.Zero) Thread.Sleep(wait);
    }

    [Fact]
    public void Tasks_run_by_priority_in_parallel_and_stop_at_cutoff_and_end()
    {
        // 10 "hours" of 3 s = 30 s, cutoff 4 "hours" = 12 s before the end: no task starts after 18 s.
        var at = SoonAt(2);
        _shell.Run("New-MaintenanceWindow weekly-test $args[0] -Duration 10 -Cutoff 4 -Description 'priority test'", at);
        var target = _shell.Run<MaintenanceWindowTarget>("Register-MaintenanceWindowTarget weekly-test -NodeId $args[0], $args[1] -OwnerInformation 'team-a'", _ids[0], _ids[1]).Single();
        _shell.Run("Register-MaintenanceWindowTask weekly-test -Name scan-a -Priority 1 -DocumentName AWS-RunShellScript -Parameters @{ commands = 'sleep 2; echo scan-a $(hostname)' }");
        _shell.Run("Register-MaintenanceWindowTask weekly-test -Name scan-b -Priority 1 -ScriptBlock { [Threading.Thread]::Sleep(2000); 'scan-b' } -WindowTargetId $args[0]", target.WindowTargetId);
        _shell.Run("Register-MaintenanceWindowTask weekly-test -Name install -Priority 2 -DocumentName AWS-RunShellScript -Parameters @{ commands = 'sleep 120' }");
        _shell.Run("Register-MaintenanceWindowTask weekly-test -Name cancel-at-cutoff -Priority 2 -CutoffBehavior CANCEL_TASK -DocumentName AWS-RunShellScript -Parameters @{ commands = 'sleep 120' }");
        _shell.Run("Register-MaintenanceWindowTask weekly-test -Name post-check -Priority 3 -DocumentName AWS-RunShellScript -Parameters @{ commands = 'echo never' }");
        Assert.Equal(new[] { 1, 1, 2, 2, 3 }, _shell.Run<MaintenanceWindowTask>("Get-MaintenanceWindowTask weekly-test").Select(t => t.Priority));

        WaitPast(at);
        var result = _shell.Run<MaintenanceWindowExecution>("Invoke-NodeOpsScheduler -Once").Single();
        var e = _shell.Run<MaintenanceWindowExecution>("Get-MaintenanceWindowExecution weekly-test -Detail").Single();
        Assert.Equal(result.ExecutionId, e.ExecutionId);
        var t = e.Tasks.ToDictionary(x => x.TaskName!);

        Assert.Equal(WindowExecutionStatus.TimedOut, e.Status);
        Assert.Equal((WindowTaskStatus.Success, WindowTaskStatus.Success), (t["scan-a"].Status, t["scan-b"].Status));
        // Equal priority ran side by side; the next priority only after both ended.
        Assert.True(t["scan-a"].StartTime < t["scan-b"].EndTime && t["scan-b"].StartTime < t["scan-a"].EndTime, "priority 1 tasks did not overlap");
        var firstDone = new[] { t["scan-a"].EndTime!.Value, t["scan-b"].EndTime!.Value }.Max();
        Assert.True(t["install"].StartTime >= firstDone && t["cancel-at-cutoff"].StartTime >= firstDone);
        Assert.True(t["install"].StartTime < t["cancel-at-cutoff"].EndTime && t["cancel-at-cutoff"].StartTime < t["install"].EndTime);
        // CANCEL_TASK stopped at the cutoff; CONTINUE_TASK ran on until the window ended and was recorded as timed out.
        Assert.Equal(WindowTaskStatus.Cancelled, t["cancel-at-cutoff"].Status);
        Assert.Contains("cutoff", t["cancel-at-cutoff"].StatusDetails);
        Assert.Equal(WindowTaskStatus.TimedOut, t["install"].Status);
        Assert.True(t["install"].EndTime >= e.WindowEnd.AddSeconds(-1) && t["cancel-at-cutoff"].EndTime < t["install"].EndTime);
        Assert.True(t["cancel-at-cutoff"].EndTime >= e.CutoffTime.AddSeconds(-1));
        Assert.Equal(WindowTaskStatus.NotStarted, t["post-check"].Status);
        Assert.Null(t["post-check"].CommandId);

        // Per-node results are Run Command invocations: in the execution (-Detail) and in the Run Command history.
        Assert.Equal(2, t["scan-a"].Invocations.Count);
        Assert.All(t["scan-a"].Invocations, i => Assert.StartsWith("scan-a ", i.StandardOutput));
        Assert.All(t["scan-b"].Invocations, i => Assert.Equal("scan-b", i.StandardOutput.Trim()));
        var history = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0]", t["install"].CommandId!);
        Assert.Equal(2, history.Count);
        Assert.All(history, i => Assert.Equal(InvocationStatus.Cancelled, i.Status));
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 10").Single(c => c.CommandId == t["scan-a"].CommandId);
        Assert.Equal("Maintenance window weekly-test: scan-a", command.Comment);

        // The one-shot window does not run again.
        Assert.Empty(_shell.Run("Invoke-NodeOpsScheduler -Once"));
        Assert.Null(_shell.Run<MaintenanceWindow>("Get-MaintenanceWindow weekly-test").Single().NextExecutionTime);
    }

    [Fact]
    public void Window_cmdlets_change_list_and_refuse_bad_input()
    {
        var w = _shell.Run<MaintenanceWindow>("New-MaintenanceWindow Patch.Sunday_01 'cron(0 2 ? * SUN *)' -Duration 4 -Cutoff 1 -TimeZone Europe/Berlin -ScheduleOffset 1").Single();
        Assert.StartsWith("mw-", w.WindowId);
        Assert.Equal(20, w.WindowId.Length);
        Assert.Equal(DayOfWeek.Monday, TimeZoneInfo.ConvertTimeFromUtc(w.NextExecutionTime!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DayOfWeek);

        _shell.Run("Set-MaintenanceWindow Patch.Sunday_01 -Duration 6 -Enabled $false");
        var changed = _shell.Run<MaintenanceWindow>("Get-MaintenanceWindow -WindowId $args[0]", w.WindowId).Single();
        Assert.Equal((6, 1, false), (changed.Duration, changed.Cutoff, changed.Enabled));
        Assert.Null(changed.NextExecutionTime);
        Assert.Single(_shell.Run("Get-MaintenanceWindow Patch.*"));

        Assert.Equal("InvalidMaintenanceWindow", _shell.ExpectErrorId("New-MaintenanceWindow ab 'rate(1 day)' -Duration 2 -Cutoff 1"));
        Assert.Equal("InvalidMaintenanceWindow", _shell.ExpectErrorId("New-MaintenanceWindow 'bad name!' 'rate(1 day)' -Duration 2 -Cutoff 1"));
        Assert.Equal("InvalidMaintenanceWindow", _shell.ExpectErrorId("New-MaintenanceWindow cutoff-too-big 'rate(1 day)' -Duration 2 -Cutoff 2"));
        Assert.Equal("InvalidMaintenanceWindow", _shell.ExpectErrorId("New-MaintenanceWindow too-long 'rate(1 day)' -Duration 25 -Cutoff 1"));
        Assert.Equal("InvalidSchedule", _shell.ExpectErrorId("New-MaintenanceWindow bad-cron 'cron(0 2 * * SUN *)' -Duration 2 -Cutoff 1"));
        Assert.Equal("InvalidTimeZone", _shell.ExpectErrorId("New-MaintenanceWindow bad-zone 'rate(1 day)' -Duration 2 -Cutoff 1 -TimeZone Mars/Base"));
        Assert.Equal("MaintenanceWindowNameInUse", _shell.ExpectErrorId("New-MaintenanceWindow patch.sunday_01 'rate(1 day)' -Duration 2 -Cutoff 1"));
        Assert.Equal("ChangeCalendarNotFound", _shell.ExpectErrorId("New-MaintenanceWindow gated 'rate(1 day)' -Duration 2 -Cutoff 1 -ChangeCalendarName nope"));
        Assert.Equal("MaintenanceWindowNotFound", _shell.ExpectErrorId("Get-MaintenanceWindow missing-window"));
        Assert.Equal("MaintenanceWindowNotFound", _shell.ExpectErrorId("Register-MaintenanceWindowTarget missing-window -Tag Env=test"));
        Assert.Equal("InvalidMaintenanceWindow", _shell.ExpectErrorId("Register-MaintenanceWindowTask Patch.Sunday_01 -NodeId $args[0] -ScriptBlock { 1 }", _ids[0]));
        Assert.Equal("DocumentNotFound", _shell.ExpectErrorId("Register-MaintenanceWindowTask Patch.Sunday_01 -DocumentName No-Such-Doc"));
        Assert.Equal("DocumentParameterInvalid", _shell.ExpectErrorId("Register-MaintenanceWindowTask Patch.Sunday_01 -DocumentName AWS-RunShellScript -Parameters @{ nope = 1 }"));
        Assert.Equal("MaintenanceWindowTargetNotFound", _shell.ExpectErrorId("Register-MaintenanceWindowTask Patch.Sunday_01 -WindowTargetId nope -ScriptBlock { 1 }"));
        var err = _shell.ExpectError("New-MaintenanceWindow x1 'rate(1 day)' -Duration 2 -Cutoff 1 -ScheduleOffset 2");
        Assert.Equal(ErrorCategory.InvalidArgument, err.CategoryInfo.Category);

        // Targets in use by a task are refused with -Safe; without it they are removed from the task too.
        var target = _shell.Run<MaintenanceWindowTarget>("Register-MaintenanceWindowTarget Patch.Sunday_01 -Tag Role=web").Single();
        var task = _shell.Run<MaintenanceWindowTask>("Register-MaintenanceWindowTask Patch.Sunday_01 -WindowTargetId $args[0] -ScriptBlock { 1 }", target.WindowTargetId).Single();
        Assert.Equal("MaintenanceWindowTargetInUse", _shell.ExpectErrorId("Unregister-MaintenanceWindowTarget Patch.Sunday_01 $args[0] -Safe", target.WindowTargetId));
        _shell.Run("Get-MaintenanceWindowTarget Patch.Sunday_01 | Unregister-MaintenanceWindowTarget");
        Assert.Empty(_shell.Run<MaintenanceWindowTask>("Get-MaintenanceWindowTask Patch.Sunday_01").Single().WindowTargetIds);
        _shell.Run("Get-MaintenanceWindowTask Patch.Sunday_01 | Unregister-MaintenanceWindowTask");
        Assert.Empty(_shell.Run("Get-MaintenanceWindowTask Patch.Sunday_01"));
        Assert.Equal(task.WindowId, w.WindowId);

        _shell.Run("Get-MaintenanceWindow Patch.Sunday_01 | Remove-MaintenanceWindow");
        Assert.Empty(_shell.Run("Get-MaintenanceWindow *"));
    }
}

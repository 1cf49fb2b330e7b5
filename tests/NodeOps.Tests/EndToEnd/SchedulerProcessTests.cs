using System.Diagnostics;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Schedulers in separate nodeops processes on one catalog: claims, kill and restart, and the OS unit files.</summary>
[Collection("Fleet")]
public class SchedulerProcessTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;
    private readonly Dictionary<string, string> _env;

    public SchedulerProcessTests()
    {
        Environment.SetEnvironmentVariable(WindowHour.TestVariable, MaintenanceWindowTests.HourSeconds);
        _ids = TestFleet.Register(_shell, 2);
        _env = new() { ["NODEOPS_CATALOG"] = _shell.CatalogPath, [WindowHour.TestVariable] = MaintenanceWindowTests.HourSeconds };
    }

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void Two_scheduler_processes_never_run_one_occurrence_twice()
    {
        var marker = $"/tmp/two-schedulers-{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++)
        {
            var at = MaintenanceWindowTests.SoonAt(3 + i);
            _shell.Run("New-MaintenanceWindow $args[0] $args[1] -Duration 6 -Cutoff 1; Register-MaintenanceWindowTarget $args[0] -Tag Env=test", $"race-{i}", at);
            _shell.Run("Register-MaintenanceWindowTask $args[0] -DocumentName AWS-RunShellScript -Parameters @{ commands = \"echo $($args[0]) >> $($args[1])\" }", $"race-{i}", marker);
        }
        // One process loops Invoke-NodeOpsScheduler -Once as fast as it can for ~12 s; the other is Start-NodeOpsScheduler
        // passing every second. They race for every occurrence.
        const string loop = "$until = [DateTime]::UtcNow.AddSeconds(12); while ([DateTime]::UtcNow -lt $until) { $null = Invoke-NodeOpsScheduler -Once; [Threading.Thread]::Sleep(100) }";
        using var a = HostProcess.Start(loop, _env);
        using var b = HostProcess.Start("Start-NodeOpsScheduler -IntervalSeconds 1", _env);
        Assert.True(a.Process.WaitForExit(60_000), "the -Once loop did not finish");
        Assert.True(a.Process.ExitCode == 0, a.Text);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30)
               && _shell.Run<MaintenanceWindowExecution>("Get-MaintenanceWindowExecution").Count(e => !e.IsOpen) < 3)
            Thread.Sleep(300);
        Assert.False(b.Process.HasExited, "Start-NodeOpsScheduler stopped by itself: " + b.Text);
        b.Process.Kill(entireProcessTree: true);

        var executions = _shell.Run<MaintenanceWindowExecution>("Get-MaintenanceWindowExecution");
        Assert.Equal(new[] { "race-0", "race-1", "race-2" }, executions.Select(e => e.WindowName).Order());
        Assert.All(executions, e => Assert.Equal(WindowExecutionStatus.Success, e.Status));
        Assert.Equal(3, _shell.Run<NodeCommand>("Get-NodeCommand").Count(c => c.Comment?.StartsWith("Maintenance window race-") == true));
        // On each node every window's task ran exactly once.
        var lines = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -ShellScript \"sort $($args[0])\"", marker);
        Assert.All(lines, l => Assert.Equal("race-0\nrace-1\nrace-2\n", l.StandardOutput));
    }

    [Fact]
    public void A_scheduler_killed_mid_window_is_resumed_by_the_next_one_while_the_window_is_open()
    {
        var marker = $"/tmp/kill-restart-{Guid.NewGuid():N}";
        var at = MaintenanceWindowTests.SoonAt(2);
        // 24 "hours" of 3 s with a cutoff of 1 leave 69 s to start tasks: the test does not wait for the end.
        _shell.Run("New-MaintenanceWindow resumable $args[0] -Duration 24 -Cutoff 1; Register-MaintenanceWindowTarget resumable -NodeId $args[1]", at, _ids[0]);
        _shell.Run("Register-MaintenanceWindowTask resumable -Name long -Priority 1 -DocumentName AWS-RunShellScript -Parameters @{ commands = \"echo long >> $($args[0]); sleep 60\" }", marker);
        _shell.Run("Register-MaintenanceWindowTask resumable -Name after -Priority 2 -DocumentName AWS-RunShellScript -Parameters @{ commands = \"echo after >> $($args[0])\" }", marker);

        MaintenanceWindowTests.WaitPast(at);
        using var first = HostProcess.Start("Invoke-NodeOpsScheduler -Once", _env);
        var started = Stopwatch.StartNew();
        MaintenanceWindowExecution? running = null;
        while (started.Elapsed < TimeSpan.FromSeconds(20))
        {
            running = _shell.Run<MaintenanceWindowExecution>("Get-MaintenanceWindowExecution resumable").SingleOrDefault();
            if (running?.Tasks.Single(t => t.TaskName == "long").Status == WindowTaskStatus.InProgress) break;
            Thread.Sleep(300);
        }
        Assert.True(running?.Tasks.Single(t => t.TaskName == "long").Status == WindowTaskStatus.InProgress, "the first scheduler never started the task: " + first.Text);
        // Let the node start the script (its first line lands in the marker) before the kill; on a loaded machine
        // opening the session can take longer than a fixed pause.
        var starting = Stopwatch.StartNew();
        while (starting.Elapsed < TimeSpan.FromSeconds(20) && !_shell.Run<NodeCommandInvocation>(
                   "Invoke-NodeCommand -NodeId $args[0] -ShellScript \"cat $($args[1]) 2>/dev/null; true\"", _ids[0], marker).Single().StandardOutput.Contains("long"))
            Thread.Sleep(300);
        var killedAt = DateTime.UtcNow;
        first.Process.Kill(entireProcessTree: true);
        first.Process.WaitForExit(10_000);

        var (code, output, error) = HostProcess.RunWith("Invoke-NodeOpsScheduler -Once", _env);
        Assert.True(code == 0, output + error);
        var e = _shell.Run<MaintenanceWindowExecution>("Get-MaintenanceWindowExecution resumable -Detail").Single();
        var tasks = e.Tasks.ToDictionary(t => t.TaskName!);
        Assert.Equal(WindowTaskStatus.Interrupted, tasks["long"].Status);
        Assert.Contains($"process {first.Process.Id}", tasks["long"].StatusDetails);
        Assert.True(tasks["after"].Status == WindowTaskStatus.Success,
            $"after: {tasks["after"].Status} {tasks["after"].StatusDetails}; occurrence {e.Occurrence:O}, cutoff {e.CutoffTime:O}, resumed {string.Join(",", e.ResumedAt.Select(r => r.ToString("O")))}, killed at {killedAt:O}");
        Assert.Single(e.ResumedAt);
        Assert.NotEqual(first.Process.Id, e.OwnerProcessId);
        Assert.Equal(WindowExecutionStatus.Failed, e.Status);
        // The Run Command of the killed task is marked Interrupted, not left in progress.
        Assert.Equal(CommandStatus.Interrupted, _shell.Run<NodeCommand>("Get-NodeCommand").Single(c => c.CommandId == tasks["long"].CommandId).Status);
        var onNode = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ShellScript \"cat $($args[1])\"", _ids[0], marker).Single();
        Assert.Equal("long\nafter\n", onNode.StandardOutput);
    }

    [Fact]
    public void Register_NodeOpsSchedulerTask_writes_a_systemd_service_and_timer()
    {
        var folder = TestPaths.NewTempDirectory();
        Assert.Empty(_shell.Run("Register-NodeOpsSchedulerTask -Path $args[0] -WhatIf", folder));
        Assert.Empty(Directory.GetFiles(folder));
        var files = _shell.Run<FileInfo>("Register-NodeOpsSchedulerTask nodeops-test -Path $args[0] -IntervalSeconds 120 -User ops", folder);
        Assert.Equal(new[] { "nodeops-test.service", "nodeops-test.timer" }, files.Select(f => f.Name));
        var service = File.ReadAllText(Path.Combine(folder, "nodeops-test.service"));
        Assert.Contains("Type=oneshot", service);
        Assert.Contains("User=ops", service);
        Assert.Contains($"ExecStart=\"{TestPaths.HostExecutable}\" -NoProfile -c \"Invoke-NodeOpsScheduler -Once -CatalogPath '{_shell.CatalogPath}'\"", service);
        var timer = File.ReadAllText(Path.Combine(folder, "nodeops-test.timer"));
        Assert.Contains("OnUnitActiveSec=120s", timer);
        Assert.Contains("WantedBy=timers.target", timer);
        Assert.Equal("SchedulerTaskUnwritable", _shell.ExpectErrorId("Register-NodeOpsSchedulerTask -Path /proc/nodeops-cannot-write"));
    }
}

using System.Diagnostics;
using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Invoke-NodeCommand against the real sshd test fleet.</summary>
[Collection("Fleet")]
public class RunCommandTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public RunCommandTests() => _ids = TestFleet.Register(_shell, Math.Min(5, TestFleet.Nodes.Count));

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void Test_ManagedNode_records_online_status_platform_and_latency()
    {
        var tests = _shell.Run<NodeConnectionTest>("Get-ManagedNode -Tag Env=test | Test-ManagedNode");
        Assert.Equal(_ids.Count, tests.Count);
        Assert.All(tests, t =>
        {
            Assert.Equal(PingStatus.Online, t.PingStatus);
            Assert.Equal("Linux", t.PlatformType);
            Assert.False(string.IsNullOrEmpty(t.PlatformName));
            Assert.StartsWith("7.", t.PSVersion);
            Assert.True(t.LatencyMs > 0);
        });
        // Each node answers with its own hostname: they are separate hosts, not one sshd.
        Assert.Equal(tests.Count, tests.Select(t => t.ComputerName).Distinct().Count());
        var stored = _shell.Run<ManagedNode>("Get-ManagedNode -Tag Env=test");
        Assert.All(stored, n => { Assert.Equal(PingStatus.Online, n.PingStatus); Assert.NotNull(n.LastSeenTime); Assert.Equal("Linux", n.PlatformType); });
    }

    [Fact]
    public void Shell_script_runs_on_every_tagged_node_with_exit_codes_and_both_streams()
    {
        var results = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -ShellScript 'echo out-$(hostname); echo err-line >&2; exit $(( $(hostname | tr -dc 0-9) % 2 ))'");
        Assert.Equal(_ids.Count, results.Count);
        foreach (var r in results)
        {
            var index = int.Parse(new string(r.StandardOutput.Where(char.IsDigit).ToArray()));
            Assert.Equal(index % 2, r.ExitCode);
            Assert.Equal(index % 2 == 0 ? InvocationStatus.Success : InvocationStatus.Failed, r.Status);
            Assert.StartsWith("out-", r.StandardOutput);
            Assert.Equal("err-line\n", r.StandardError);
            Assert.NotNull(r.StartTime);
            Assert.True(r.EndTime >= r.StartTime);
        }
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single();
        Assert.Equal(CommandStatus.Failed, command.Status);
        Assert.Equal(results.Count(r => r.Status == InvocationStatus.Failed), command.ErrorCount);
        Assert.Equal(_ids.Count, command.CompletedCount);
    }

    [Fact]
    public void ScriptBlock_returns_objects_and_text_and_uses_LASTEXITCODE()
    {
        var r = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ScriptBlock { [pscustomobject]@{ Host = [Environment]::MachineName; Two = 1 + 1 }; 'plain' }", _ids[0]).Single();
        Assert.Equal(InvocationStatus.Success, r.Status);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Two  : 2", r.StandardOutput);
        Assert.Contains("plain", r.StandardOutput);
        Assert.Equal(2, r.Output.Length);

        var failed = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -Command 'bash -c \"exit 7\"'", _ids[0]).Single();
        Assert.Equal(7, failed.ExitCode);
        Assert.Equal(InvocationStatus.Failed, failed.Status);

        var thrown = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ScriptBlock { throw 'boom here' }", _ids[0]).Single();
        Assert.Equal(InvocationStatus.Failed, thrown.Status);
        Assert.Contains("boom here", thrown.StandardError);
    }

    [Fact]
    public void History_keeps_every_command_and_invocation_with_output()
    {
        var results = _shell.Run<NodeCommandInvocation>("Get-ManagedNode -Tag Role=web | Invoke-NodeCommand -ShellScript 'printf history-%s $(hostname)' -Comment 'history test'");
        var commandId = results[0].CommandId;
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -CommandId $args[0]", commandId).Single();
        Assert.Equal("history test", command.Comment);
        Assert.Equal(CommandStatus.Success, command.Status);
        Assert.Equal(Environment.UserName, command.RequestedBy);
        var stored = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0] -Detail", commandId);
        Assert.Equal(results.Select(r => (r.NodeId, r.StandardOutput)).OrderBy(x => x.NodeId), stored.Select(r => (r.NodeId, r.StandardOutput)).OrderBy(x => x.NodeId));
        Assert.All(stored, s => Assert.StartsWith("history-node", s.StandardOutput));
        Assert.Single(_shell.Run("Get-NodeCommandInvocation -CommandId $args[0] -NodeId $args[1]", commandId, results[0].NodeId));
        Assert.Contains(_shell.Run<NodeCommand>("Get-NodeCommand -NodeId $args[0] -Status Success", results[0].NodeId), c => c.CommandId == commandId);
        Assert.DoesNotContain(_shell.Run<NodeCommand>("Get-NodeCommand -Status Failed"), c => c.CommandId == commandId);
    }

    [Fact]
    public void Large_output_comes_back_whole()
    {
        var r = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ShellScript 'seq 1 200000'", _ids[0]).Single();
        var expected = string.Concat(Enumerable.Range(1, 200000).Select(i => i + "\n"));
        Assert.Equal(expected.Length, r.StandardOutput.Length);
        var stored = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0] -Detail", r.CommandId).Single();
        Assert.Equal(expected, stored.StandardOutput);
    }

    [Fact]
    public void MaxConcurrency_bounds_how_many_nodes_run_at_once()
    {
        var results = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -MaxConcurrency 2 -ShellScript 'sleep 1'");
        Assert.All(results, r => Assert.Equal(InvocationStatus.Success, r.Status));
        Assert.Equal(2, PeakOverlap(results));

        var pct = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -MaxConcurrency 100% -ShellScript 'sleep 1'");
        Assert.Equal(_ids.Count, PeakOverlap(pct));
    }

    [Fact]
    public void MaxErrors_stops_dispatch_and_reports_the_rest_NotStarted()
    {
        var results = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -MaxConcurrency 1 -MaxErrors 1 -ShellScript 'exit 3'");
        Assert.Equal(_ids.Count, results.Count);
        Assert.Equal(2, results.Count(r => r.Status == InvocationStatus.Failed));
        Assert.Equal(_ids.Count - 2, results.Count(r => r.Status == InvocationStatus.NotStarted));
        Assert.All(results.Where(r => r.Status == InvocationStatus.NotStarted), r => Assert.Equal("MaxErrorsExceeded", r.ErrorId));
    }

    [Fact]
    public void A_command_over_its_timeout_is_TimedOut_and_killed_on_the_node()
    {
        // Nodes share the host's process table, so the script carries a marker to look for.
        var marker = "nodeops-timeout-" + Guid.NewGuid().ToString("N")[..8];
        var watch = Stopwatch.StartNew();
        var r = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -TimeoutSeconds 2 -ShellScript ('echo started; sleep 60; echo never # ' + $args[1])", _ids[1], marker).Single();
        Assert.Equal(InvocationStatus.TimedOut, r.Status);
        Assert.InRange(watch.Elapsed.TotalSeconds, 1.5, 20);
        Assert.Equal("started\n", r.StandardOutput);
        var left = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ShellScript ('pgrep -f \"[' + $args[1].Substring(0, 1) + ']' + $args[1].Substring(1) + '\" || echo none')", _ids[1], marker).Single();
        Assert.Equal("none\n", left.StandardOutput);

        var ps = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -TimeoutSeconds 2 -ScriptBlock { while ($true) { [System.Threading.Thread]::Sleep(100) } }", _ids[1]).Single();
        Assert.Equal(InvocationStatus.TimedOut, ps.Status);
    }

    [Fact]
    public void Stopping_the_pipeline_cancels_running_nodes_and_records_it()
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _shell.Runspace;
        ps.AddScript("Invoke-NodeCommand -Tag Env=test -MaxConcurrency 2 -ShellScript 'sleep 30'");
        var handle = ps.BeginInvoke();
        Thread.Sleep(4000);
        var watch = Stopwatch.StartNew();
        ps.Stop();
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 15);
        try { ps.EndInvoke(handle); } catch (PipelineStoppedException) { }

        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single();
        Assert.Equal(CommandStatus.Cancelled, command.Status);
        var invocations = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0]", command.CommandId);
        Assert.Equal(_ids.Count, invocations.Count);
        Assert.All(invocations, i => Assert.Equal(InvocationStatus.Cancelled, i.Status));
        Assert.Equal(2, invocations.Count(i => i.StartTime is not null));
    }

    [Fact]
    public void AsJob_and_Wait_false_return_at_once_and_finish_in_the_background()
    {
        var job = _shell.Run("Invoke-NodeCommand -Tag Env=test -ShellScript 'sleep 1; hostname' -AsJob").Single();
        Assert.Equal("NodeOpsCommandJob", job.Properties["PSJobTypeName"].Value);
        var received = _shell.Run("Wait-Job -Id $args[0] -Timeout 60 | Receive-Job", job.Properties["Id"].Value);
        Assert.Equal(_ids.Count, received.Count);
        Assert.Equal("Completed", _shell.Run("(Get-Job -Id $args[0]).State.ToString()", job.Properties["Id"].Value).Single().ToString());

        var command = _shell.Run<NodeCommand>("Invoke-NodeCommand -Tag Env=test -ShellScript 'sleep 1' -Wait:$false").Single();
        Assert.Equal(CommandStatus.InProgress, command.Status);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        CommandStatus status;
        do { Thread.Sleep(250); status = _shell.Run<NodeCommand>("Get-NodeCommand -CommandId $args[0]", command.CommandId).Single().Status; }
        while (status == CommandStatus.InProgress && DateTime.UtcNow < deadline);
        Assert.Equal(CommandStatus.Success, status);
    }

    [Fact]
    public void Warm_pool_makes_the_second_run_faster_than_the_first()
    {
        _shell.Run("Clear-NodeConnectionPool");
        var cold = Stopwatch.StartNew();
        _shell.Run("Invoke-NodeCommand -Tag Env=test -ShellScript true | Out-Null");
        cold.Stop();
        var warm = Stopwatch.StartNew();
        _shell.Run("Invoke-NodeCommand -Tag Env=test -ShellScript true | Out-Null");
        warm.Stop();
        Assert.True(warm.Elapsed < cold.Elapsed / 2, $"cold {cold.ElapsedMilliseconds} ms, warm {warm.ElapsedMilliseconds} ms");
        Assert.True((int)_shell.Run("Clear-NodeConnectionPool -PassThru").Single().BaseObject >= _ids.Count);
    }

    [Fact]
    public void Bad_run_input_is_refused_before_anything_runs()
    {
        var before = _shell.Run("Get-NodeCommand").Count;
        Assert.StartsWith("InvalidMaxConcurrency,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -MaxConcurrency 0 -ShellScript true").FullyQualifiedErrorId);
        Assert.StartsWith("InvalidMaxConcurrency,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -MaxConcurrency 150% -ShellScript true").FullyQualifiedErrorId);
        Assert.StartsWith("InvalidMaxErrors,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=test -MaxErrors x -ShellScript true").FullyQualifiedErrorId);
        var nf = _shell.ExpectError("Invoke-NodeCommand -NodeId mi-ffffffffffff -ShellScript true");
        Assert.StartsWith("NodeNotFound,", nf.FullyQualifiedErrorId);
        Assert.Equal("mi-ffffffffffff", nf.TargetObject);
        Assert.StartsWith("NoTargetsMatched,", _shell.ExpectError("Invoke-NodeCommand -Tag Env=nowhere -ShellScript true").FullyQualifiedErrorId);
        Assert.StartsWith("MalformedTag,", _shell.ExpectError("Invoke-NodeCommand -Tag Env -ShellScript true").FullyQualifiedErrorId);
        Assert.StartsWith("NoTargetsMatched,", _shell.ExpectError("Invoke-NodeCommand -ShellScript true").FullyQualifiedErrorId);
        Assert.Equal(before, _shell.Run("Get-NodeCommand").Count);
    }

    private static int PeakOverlap(IReadOnlyList<NodeCommandInvocation> results)
    {
        var events = results.SelectMany(r => new[] { (t: r.StartTime!.Value, d: 1), (t: r.EndTime!.Value, d: -1) }).OrderBy(e => e.t).ThenBy(e => e.d);
        int now = 0, peak = 0;
        foreach (var e in events) peak = Math.Max(peak, now += e.d);
        return peak;
    }
}

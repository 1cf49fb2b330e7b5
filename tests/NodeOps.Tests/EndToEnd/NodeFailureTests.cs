using System.Diagnostics;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>
/// Each way a node can fail gives its own clear per-node status, never a hang, and never stops the
/// healthy nodes. The last fleet node is the one made to misbehave; each test puts it back.
/// </summary>
[Collection("Fleet")]
public class NodeFailureTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly string _bad;
    private readonly string _good;
    private readonly int _badIndex = TestFleet.Nodes.Count;

    public NodeFailureTests()
    {
        _good = TestFleet.Register(_shell, 1)[0];
        _bad = TestFleet.Register(_shell, 1, first: _badIndex)[0];
    }

    public void Dispose() => _shell.Dispose();

    private NodeCommandInvocation RunOnBoth(out NodeCommandInvocation good, string extra = "")
    {
        var results = _shell.Run<NodeCommandInvocation>($"Invoke-NodeCommand -NodeId $args[0],$args[1] -MaxErrors 1 -ShellScript 'echo ok' -ConnectTimeoutSeconds 4 {extra}", _good, _bad);
        good = results.Single(r => r.NodeId == _good);
        return results.Single(r => r.NodeId == _bad);
    }

    [Fact]
    public void Stopped_node_is_Undeliverable_NodeUnreachable_and_goes_ConnectionLost()
    {
        Assert.Equal(PingStatus.Online, _shell.Run<NodeConnectionTest>("Test-ManagedNode -NodeId $args[0]", _bad).Single().PingStatus);
        _shell.Run("Clear-NodeConnectionPool");
        TestFleet.Control("stop", _badIndex.ToString());
        try
        {
            var bad = RunOnBoth(out var good);
            Assert.Equal(InvocationStatus.Success, good.Status);
            Assert.Equal(InvocationStatus.Undeliverable, bad.Status);
            Assert.Equal("NodeUnreachable", bad.ErrorId);
            Assert.Contains("refused", bad.StatusDetails, StringComparison.OrdinalIgnoreCase);

            var test = _shell.Run<NodeConnectionTest>("Test-ManagedNode -NodeId $args[0] -ConnectTimeoutSeconds 4", _bad).Single();
            Assert.Equal(PingStatus.ConnectionLost, test.PingStatus);
            Assert.Equal("Unreachable", test.FailureKind);
            Assert.Equal(PingStatus.ConnectionLost, _shell.Run<ManagedNode>("Get-ManagedNode -NodeId $args[0]", _bad).Single().PingStatus);
        }
        finally
        {
            TestFleet.Control("start", _badIndex.ToString());
        }
        Assert.Equal(PingStatus.Online, _shell.Run<NodeConnectionTest>("Test-ManagedNode -NodeId $args[0]", _bad).Single().PingStatus);
    }

    [Fact]
    public void Never_reached_node_is_Unreachable()
    {
        var ghost = _shell.Run<ManagedNode>("Register-ManagedNode -Name ghost -Address 127.0.0.1 -Port 1 -KeyFilePath $args[0]", TestFleet.Nodes[0].KeyFile).Single();
        var test = _shell.Run<NodeConnectionTest>("Test-ManagedNode -NodeId $args[0]", ghost.NodeId).Single();
        Assert.Equal(PingStatus.Unreachable, test.PingStatus);
    }

    [Fact]
    public void Refused_key_is_AuthenticationFailed()
    {
        _shell.Run("Clear-NodeConnectionPool");
        TestFleet.Control("denyauth", _badIndex.ToString());
        try
        {
            var bad = RunOnBoth(out var good);
            Assert.Equal(InvocationStatus.Success, good.Status);
            Assert.Equal(InvocationStatus.Undeliverable, bad.Status);
            Assert.Equal("AuthenticationFailed", bad.ErrorId);
        }
        finally
        {
            TestFleet.Control("allowauth", _badIndex.ToString());
        }
    }

    [Fact]
    public void Changed_host_key_is_HostKeyChanged_and_unknown_key_under_Strict_is_HostKeyUnknown()
    {
        _shell.Run("Test-ManagedNode -NodeId $args[0] | Out-Null", _bad); // learns the key (accept-new)
        _shell.Run("Clear-NodeConnectionPool");
        TestFleet.Control("rekey", _badIndex.ToString());
        var bad = RunOnBoth(out var good);
        Assert.Equal(InvocationStatus.Success, good.Status);
        Assert.Equal("HostKeyChanged", bad.ErrorId);

        var strictCatalog = Path.Combine(TestPaths.NewTempDirectory(), "strict.db");
        using var strict = new NodeOpsShell(strictCatalog);
        var n = TestFleet.Nodes[_badIndex - 1];
        var id = strict.Run<ManagedNode>("Register-ManagedNode -Name s -Address $args[0] -UserName root -KeyFilePath $args[1] -HostKeyPolicy Strict", n.Address, n.KeyFile).Single().NodeId;
        var unknown = strict.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ShellScript true", id).Single();
        Assert.Equal("HostKeyUnknown", unknown.ErrorId);
    }

    [Fact]
    public void Silent_node_times_out_connecting_within_the_limit()
    {
        _shell.Run("Clear-NodeConnectionPool");
        TestFleet.Control("blackhole", _badIndex.ToString());
        try
        {
            var watch = Stopwatch.StartNew();
            var bad = RunOnBoth(out var good);
            Assert.Equal(InvocationStatus.Success, good.Status);
            Assert.Equal(InvocationStatus.Undeliverable, bad.Status);
            Assert.Equal("ConnectionTimedOut", bad.ErrorId);
            Assert.InRange(watch.Elapsed.TotalSeconds, 3, 20);
        }
        finally
        {
            TestFleet.Control("unblackhole", _badIndex.ToString());
        }
    }

    [Fact]
    public void Slow_node_still_answers_but_later()
    {
        _shell.Run("Clear-NodeConnectionPool");
        TestFleet.Control("slow", _badIndex.ToString(), "300");
        try
        {
            var bad = RunOnBoth(out var good, "-MaxConcurrency 2");
            Assert.Equal(InvocationStatus.Success, bad.Status);
            Assert.True(bad.Duration > good.Duration, $"slow {bad.Duration}, normal {good.Duration}");
        }
        finally
        {
            TestFleet.Control("fast", _badIndex.ToString());
        }
    }

    [Fact]
    public void WinRm_node_is_reported_undeliverable_with_a_clear_reason_here()
    {
        var id = _shell.Run<ManagedNode>("Register-ManagedNode -Name win -Address 127.0.0.1 -Transport WinRm").Single().NodeId;
        var watch = Stopwatch.StartNew();
        var r = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ScriptBlock { 1 } -ConnectTimeoutSeconds 5", id).Single();
        Assert.Equal(InvocationStatus.Undeliverable, r.Status);
        Assert.False(string.IsNullOrWhiteSpace(r.StatusDetails));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 30);
    }
}

using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using Xunit;

namespace NodeOps.Tests.Unit;

/// <summary>The rate-control logic alone, with in-memory work (the transport is covered end to end).</summary>
public class FanOutEngineTests
{
    private static List<ManagedNode> Nodes(int n) => Enumerable.Range(1, n).Select(i => new ManagedNode { NodeId = $"mi-{i}", Name = $"n{i}" }).ToList();

    private sealed record R(string NodeId, bool Failed, string? Skipped = null);

    [Fact]
    public async Task Never_runs_more_than_MaxConcurrency_at_once()
    {
        int running = 0, peak = 0;
        var results = new List<R>();
        await FanOutEngine.RunAsync(Nodes(12), 3, int.MaxValue, async (node, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (results) peak = Math.Max(peak, now);
            await Task.Delay(30, ct);
            Interlocked.Decrement(ref running);
            return new R(node.NodeId, false);
        }, (n, why) => new R(n.NodeId, false, why.ToString()), r => r.Failed, r => { lock (results) results.Add(r); }, null, CancellationToken.None);
        Assert.Equal(3, peak);
        Assert.Equal(12, results.Count);
    }

    [Fact]
    public async Task Stops_starting_nodes_once_errors_exceed_MaxErrors()
    {
        var results = new List<R>();
        // One at a time, every node fails: with MaxErrors 1, two nodes run and the rest are not started.
        await FanOutEngine.RunAsync(Nodes(6), 1, 1, (node, ct) => Task.FromResult(new R(node.NodeId, true)),
            (n, why) => new R(n.NodeId, false, why.ToString()), r => r.Failed, r => { lock (results) results.Add(r); }, null, CancellationToken.None);
        Assert.Equal(2, results.Count(r => r.Failed));
        Assert.Equal(4, results.Count(r => r.Skipped == nameof(SkipReason.MaxErrorsExceeded)));
    }

    [Fact]
    public async Task Cancellation_reports_unstarted_nodes_as_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var results = new List<R>();
        await FanOutEngine.RunAsync(Nodes(5), 1, int.MaxValue, async (node, ct) =>
        {
            cts.Cancel();
            await Task.Yield();
            return new R(node.NodeId, false);
        }, (n, why) => new R(n.NodeId, false, why.ToString()), r => r.Failed, r => { lock (results) results.Add(r); }, null, cts.Token);
        Assert.Single(results, r => r.Skipped is null);
        Assert.Equal(4, results.Count(r => r.Skipped == nameof(SkipReason.Cancelled)));
    }
}

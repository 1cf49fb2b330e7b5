using System.Diagnostics;
using NodeOps.Core.Catalog;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Nodes;

/// <summary>Connects to nodes, asks what they run, measures latency and records ping status in the catalog.</summary>
public sealed class NodeProbe
{
    private readonly NodeCatalog _catalog;
    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;

    public NodeProbe(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings)
    {
        _catalog = catalog;
        _pool = pool;
        _settings = settings;
    }

    public Task TestManyAsync(IReadOnlyList<ManagedNode> nodes, int maxConcurrency, Action<NodeConnectionTest> onResult, CancellationToken ct) =>
        FanOutEngine.RunAsync(nodes, maxConcurrency, int.MaxValue,
            (node, token) => TestAsync(node, token),
            (node, _) => new NodeConnectionTest { NodeId = node.NodeId, Name = node.Name, PingStatus = node.PingStatus, Error = "Cancelled.", TestedAt = DateTime.UtcNow },
            _ => false, onResult, null, ct);

    public async Task<NodeConnectionTest> TestAsync(ManagedNode node, CancellationToken ct)
    {
        var test = new NodeConnectionTest { NodeId = node.NodeId, Name = node.Name, TestedAt = DateTime.UtcNow };
        var watch = Stopwatch.StartNew();
        try
        {
            var session = await _pool.AcquireAsync(node, _settings, ct).ConfigureAwait(false);
            test.ConnectMs = watch.Elapsed.TotalMilliseconds;
            try
            {
                var probe = await session.InvokeAsync(ps => ps.AddScript(RemoteScripts.Probe), _settings.ConnectTimeout, ct).ConfigureAwait(false);
                var info = probe.Output.LastOrDefault();
                // Latency is one round trip on the open session, so a warm and a cold test compare fairly.
                var rtt = Stopwatch.StartNew();
                await session.InvokeAsync(ps => ps.AddScript("1"), _settings.ConnectTimeout, ct).ConfigureAwait(false);
                test.LatencyMs = Math.Round(rtt.Elapsed.TotalMilliseconds, 2);
                if (info is null) throw new NodeConnectionException(NodeFailureKind.ConnectionFailed, node.NodeId, "The node answered but returned no system information.");
                test.PingStatus = PingStatus.Online;
                test.PlatformType = info.Properties["PlatformType"]?.Value?.ToString();
                test.PlatformName = info.Properties["PlatformName"]?.Value?.ToString();
                test.PlatformVersion = info.Properties["PlatformVersion"]?.Value?.ToString();
                test.ComputerName = info.Properties["ComputerName"]?.Value?.ToString();
                test.PSVersion = info.Properties["PSVersion"]?.Value?.ToString();
            }
            finally
            {
                _pool.Release(session);
            }
        }
        catch (NodeConnectionException ex)
        {
            test.PingStatus = node.PingStatus is PingStatus.Online or PingStatus.ConnectionLost ? PingStatus.ConnectionLost : PingStatus.Unreachable;
            test.FailureKind = ex.Kind.ToString();
            test.Error = ex.Message;
            test.ConnectMs = watch.Elapsed.TotalMilliseconds;
        }
        test.TestedAt = DateTime.UtcNow;
        _catalog.Nodes.RecordPing(test);
        return test;
    }
}

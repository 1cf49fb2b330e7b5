using NodeOps.Core.Models;

namespace NodeOps.Core.Transport;

/// <summary>
/// Keeps warm remote runspaces per node for the life of the process (a pwsh session), so a second
/// command to the same nodes skips the SSH handshake. A session is keyed by everything that decides
/// how it was opened, so editing a node's address or key opens a fresh one. Idle sessions close after
/// <see cref="IdleTimeout"/>.
/// </summary>
public sealed class NodeSessionPool : IDisposable
{
    public static NodeSessionPool Shared { get; } = new(IdleFromEnvironment());

    private readonly Dictionary<string, Stack<NodeSession>> _idle = new();
    private readonly object _gate = new();
    private readonly Timer _reaper;
    public TimeSpan IdleTimeout { get; }
    public int MaxIdlePerNode { get; set; } = 4;

    public NodeSessionPool(TimeSpan idleTimeout)
    {
        IdleTimeout = idleTimeout;
        var period = TimeSpan.FromSeconds(Math.Clamp(idleTimeout.TotalSeconds / 2, 1, 30));
        _reaper = new Timer(_ => CloseIdle(DateTime.UtcNow - IdleTimeout), null, period, period);
    }

    public int IdleCount { get { lock (_gate) return _idle.Values.Sum(s => s.Count); } }

    public async Task<NodeSession> AcquireAsync(ManagedNode node, ConnectionSettings settings, CancellationToken ct)
    {
        var key = KeyOf(node, settings);
        while (true)
        {
            NodeSession? warm = null;
            lock (_gate)
            {
                if (_idle.TryGetValue(key, out var stack) && stack.Count > 0) warm = stack.Pop();
            }
            if (warm is null) break;
            if (warm.IsOpen && warm.Healthy) return warm;
            warm.Dispose();
        }
        return await NodeSession.OpenAsync(node, settings, key, ct).ConfigureAwait(false);
    }

    /// <summary>Returns a session for reuse, or disposes it when it is in doubt or the node has enough idle ones.</summary>
    public void Release(NodeSession session)
    {
        if (!session.Healthy || !session.IsOpen)
        {
            Task.Run(session.Dispose);
            return;
        }
        session.LastUsed = DateTime.UtcNow;
        lock (_gate)
        {
            if (!_idle.TryGetValue(session.PoolKey, out var stack)) _idle[session.PoolKey] = stack = new Stack<NodeSession>();
            if (stack.Count < MaxIdlePerNode)
            {
                stack.Push(session);
                return;
            }
        }
        Task.Run(session.Dispose);
    }

    /// <summary>Closes every idle session (or those of one node). Returns how many were closed.</summary>
    public int Clear(string? nodeId = null) => CloseWhere(s => nodeId is null || string.Equals(s.NodeId, nodeId, StringComparison.OrdinalIgnoreCase));

    private void CloseIdle(DateTime usedBefore) => CloseWhere(s => s.LastUsed < usedBefore);

    private int CloseWhere(Func<NodeSession, bool> predicate)
    {
        var closing = new List<NodeSession>();
        lock (_gate)
        {
            foreach (var key in _idle.Keys.ToList())
            {
                var keep = _idle[key].Where(s => !predicate(s)).Reverse().ToList();
                closing.AddRange(_idle[key].Where(predicate));
                if (keep.Count == 0) _idle.Remove(key);
                else _idle[key] = new Stack<NodeSession>(keep);
            }
        }
        Parallel.ForEach(closing, s => s.Dispose());
        return closing.Count;
    }

    private static string KeyOf(ManagedNode n, ConnectionSettings s) =>
        string.Join("|", n.NodeId, n.Transport, n.Address, n.Port, n.UserName, n.KeyFilePath, n.EncryptedPassword, n.HostKeyPolicy, s.KnownHostsPath);

    private static TimeSpan IdleFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("NODEOPS_POOL_IDLE_SECONDS"), out var s) && s > 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(5);

    public void Dispose()
    {
        _reaper.Dispose();
        Clear();
    }
}

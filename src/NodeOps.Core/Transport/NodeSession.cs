using System.Management.Automation;
using System.Management.Automation.Remoting;
using System.Management.Automation.Runspaces;
using NodeOps.Core.Models;

namespace NodeOps.Core.Transport;

/// <summary>An open remote runspace to one node. Not thread-safe: one invocation at a time (the pool guarantees it).</summary>
public sealed class NodeSession : IDisposable
{
    private readonly Runspace _runspace;
    internal string PoolKey { get; }
    public string NodeId { get; }
    public DateTime LastUsed { get; internal set; } = DateTime.UtcNow;
    public TimeSpan ConnectTime { get; }
    /// <summary>False once a timeout, cancellation or transport error leaves the runspace in doubt; it is then discarded.</summary>
    public bool Healthy { get; private set; } = true;

    internal NodeSession(string nodeId, string poolKey, Runspace runspace, TimeSpan connectTime)
    {
        NodeId = nodeId;
        PoolKey = poolKey;
        _runspace = runspace;
        ConnectTime = connectTime;
    }

    public bool IsOpen => _runspace.RunspaceStateInfo.State == RunspaceState.Opened;

    /// <summary>The node is rebooting (or was told to): the pool discards this session instead of reusing it.</summary>
    public void MarkInDoubt() => Healthy = false;

    public static async Task<NodeSession> OpenAsync(ManagedNode node, ConnectionSettings settings, string poolKey, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        if (node.Transport == NodeTransport.Ssh) await SshPreflight.CheckReachableAsync(node, settings, ct).ConfigureAwait(false);
        Runspace runspace;
        try
        {
            runspace = RunspaceFactory.CreateRunspace(ConnectionInfoFactory.Create(node, settings));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new NodeConnectionException(NodeFailureKind.TransportUnavailable, node.NodeId,
                $"Cannot create a {node.Transport} connection to {node.Name} ({node.Address}): {ex.Message}", ex);
        }

        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runspace.StateChanged += (_, e) =>
        {
            switch (e.RunspaceStateInfo.State)
            {
                case RunspaceState.Opened: opened.TrySetResult(); break;
                case RunspaceState.Broken:
                case RunspaceState.Closed:
                    opened.TrySetException(e.RunspaceStateInfo.Reason ?? new PSRemotingTransportException("The connection closed."));
                    break;
            }
        };
        try
        {
            runspace.OpenAsync();
        }
        catch (Exception ex)
        {
            DisposeQuietly(runspace);
            throw Classified(node, ex);
        }

        // The engine's own timeout covers the SSH handshake; this one also covers a node that accepts
        // the connection and then never answers (a stopped sshd, a wedged endpoint).
        var limit = settings.SessionOpenLimit;
        var finished = await Task.WhenAny(opened.Task, Task.Delay(limit, ct)).ConfigureAwait(false);
        if (finished != opened.Task)
        {
            _ = Task.Run(() => DisposeQuietly(runspace));
            ct.ThrowIfCancellationRequested();
            throw new NodeConnectionException(NodeFailureKind.ConnectionTimedOut, node.NodeId,
                $"Connecting to {node.Name} ({node.Address}:{node.Port}) timed out after {limit.TotalSeconds:0} s.");
        }
        try
        {
            await opened.Task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _ = Task.Run(() => DisposeQuietly(runspace));
            if (node.Transport == NodeTransport.Ssh)
            {
                var reason = await SshPreflight.DiagnoseAsync(node, settings).ConfigureAwait(false);
                if (reason.Length > 0)
                    throw new NodeConnectionException(ConnectionFailureClassifier.Classify(reason), node.NodeId,
                        $"Cannot connect to {node.Name} ({node.Address}:{node.Port}) over SSH: {reason}", ex);
                throw new NodeConnectionException(NodeFailureKind.TransportUnavailable, node.NodeId,
                    $"SSH to {node.Name} ({node.Address}:{node.Port}) works, but the 'powershell' subsystem did not start a remoting session: {Flatten(ex)}", ex);
            }
            throw Classified(node, ex);
        }
        return new NodeSession(node.NodeId, poolKey, runspace, DateTime.UtcNow - started);
    }

    /// <summary>
    /// Runs a pipeline built by <paramref name="build"/> and returns its output and error records.
    /// On timeout or cancellation the remote pipeline is stopped and the session marked unhealthy.
    /// </summary>
    public async Task<RemoteInvocationResult> InvokeAsync(Action<PowerShell> build, TimeSpan? timeout, CancellationToken ct)
    {
        LastUsed = DateTime.UtcNow;
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        build(ps);
        var output = new PSDataCollection<PSObject>();
        IAsyncResult handle;
        try
        {
            handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        }
        catch (Exception ex) when (IsTransport(ex))
        {
            Healthy = false;
            throw new NodeConnectionException(NodeFailureKind.ConnectionFailed, NodeId, ex.Message, ex);
        }

        var done = Task.Factory.FromAsync(handle, _ => { });
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t) timeoutCts.CancelAfter(t);
        var finished = await Task.WhenAny(done, Task.Delay(Timeout.Infinite, timeoutCts.Token)).ConfigureAwait(false);
        if (finished != done)
        {
            Healthy = false;
            await StopAsync(ps, done).ConfigureAwait(false);
            return new RemoteInvocationResult(output.ToArray(), ps.Streams.Error.ToArray(), ct.IsCancellationRequested ? RemoteOutcome.Cancelled : RemoteOutcome.TimedOut, null);
        }

        try
        {
            ps.EndInvoke(handle);
            return new RemoteInvocationResult(output.ToArray(), ps.Streams.Error.ToArray(), RemoteOutcome.Completed, null);
        }
        catch (Exception ex) when (IsTransport(ex))
        {
            Healthy = false;
            throw new NodeConnectionException(NodeFailureKind.ConnectionFailed, NodeId, $"The connection to the node failed while the command ran: {ex.Message}", ex);
        }
        catch (RuntimeException ex)
        {
            // A terminating error in the remote script: a command failure, not a transport one.
            return new RemoteInvocationResult(output.ToArray(), ps.Streams.Error.ToArray(), RemoteOutcome.Completed, ex.ErrorRecord ?? new ErrorRecord(ex, "RemoteScriptFailed", ErrorCategory.NotSpecified, null));
        }
    }

    private static async Task StopAsync(PowerShell ps, Task done)
    {
        try
        {
            var stop = Task.Factory.FromAsync(ps.BeginStop(null, null), _ => { });
            await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        }
        catch
        {
            // The session is discarded anyway.
        }
    }

    private static bool IsTransport(Exception ex) =>
        ex is PSRemotingTransportException or PSRemotingDataStructureException or InvalidRunspaceStateException
            or RemoteException { InnerException: PSRemotingTransportException };

    private static NodeConnectionException Classified(ManagedNode node, Exception ex)
    {
        var message = Flatten(ex);
        var kind = ConnectionFailureClassifier.Classify(message);
        if (node.Transport == NodeTransport.WinRm && kind == NodeFailureKind.ConnectionFailed) kind = NodeFailureKind.TransportUnavailable;
        return new NodeConnectionException(kind, node.NodeId, $"Cannot connect to {node.Name} ({node.Address}:{node.Port}) over {node.Transport}: {message}", ex);
    }

    private static string Flatten(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            if (!parts.Contains(e.Message)) parts.Add(e.Message.Trim());
        return string.Join(" ", parts);
    }

    internal static void DisposeQuietly(Runspace runspace)
    {
        try { runspace.Dispose(); } catch { /* already broken */ }
    }

    public void Dispose() => DisposeQuietly(_runspace);
}

public enum RemoteOutcome { Completed, TimedOut, Cancelled }

public sealed record RemoteInvocationResult(PSObject[] Output, ErrorRecord[] Errors, RemoteOutcome Outcome, ErrorRecord? TerminatingError);

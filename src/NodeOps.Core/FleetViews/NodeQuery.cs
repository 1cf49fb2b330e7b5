using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.FleetViews;

/// <summary>What one node answered to a read-only query: its output objects, or why there are none.</summary>
public sealed record NodeQueryResult(ManagedNode Node, PSObject[] Output, string? ErrorId, string? Error)
{
    public bool Failed => ErrorId is not null;
}

/// <summary>
/// Runs a read-only script on many nodes over pooled sessions, for the fleet views (processes, services,
/// files, disks). Unlike Run Command nothing is recorded: the answers are the point, not the history.
/// </summary>
public sealed class NodeQuery
{
    public const string QueryFailed = "NodeQueryFailed";

    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;
    private readonly TimeSpan _timeout;

    public NodeQuery(NodeSessionPool pool, ConnectionSettings settings, TimeSpan timeout)
    {
        _pool = pool;
        _settings = settings;
        _timeout = timeout;
    }

    public Task RunManyAsync(IReadOnlyList<ManagedNode> nodes, int maxConcurrency, string script, IDictionary<string, object?> parameters,
        Action<NodeQueryResult> onResult, CancellationToken ct) =>
        FanOutEngine.RunAsync(nodes, maxConcurrency, int.MaxValue,
            (node, token) => RunAsync(node, script, parameters, token),
            (node, _) => new NodeQueryResult(node, Array.Empty<PSObject>(), ErrorIds.Cancelled, "Cancelled."),
            _ => false, onResult, null, ct);

    public async Task<NodeQueryResult> RunAsync(ManagedNode node, string script, IDictionary<string, object?> parameters, CancellationToken ct)
    {
        try
        {
            var session = await _pool.AcquireAsync(node, _settings, ct).ConfigureAwait(false);
            try
            {
                var result = await session.InvokeAsync(ps =>
                {
                    ps.AddScript(script);
                    foreach (var (name, value) in parameters) ps.AddParameter(name, value);
                }, _timeout, ct).ConfigureAwait(false);
                if (result.Outcome == RemoteOutcome.TimedOut)
                    return new(node, result.Output, ErrorIds.CommandTimedOut, $"No answer within {_timeout.TotalSeconds:0} s.");
                if (result.Outcome == RemoteOutcome.Cancelled) return new(node, result.Output, ErrorIds.Cancelled, "Cancelled.");
                var error = result.TerminatingError ?? result.Errors.FirstOrDefault();
                return error is null
                    ? new(node, result.Output, null, null)
                    : new(node, result.Output, QueryFailed, error.Exception?.Message ?? error.ToString());
            }
            finally
            {
                _pool.Release(session);
            }
        }
        catch (NodeConnectionException ex)
        {
            return new(node, Array.Empty<PSObject>(), ex.ErrorId, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return new(node, Array.Empty<PSObject>(), ErrorIds.Cancelled, "Cancelled while connecting.");
        }
        catch (RuntimeException ex)
        {
            return new(node, Array.Empty<PSObject>(), QueryFailed, ex.Message);
        }
    }
}

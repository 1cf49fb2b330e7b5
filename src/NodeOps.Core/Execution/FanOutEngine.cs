using NodeOps.Core.Models;

namespace NodeOps.Core.Execution;

/// <summary>Why a node was never started.</summary>
public enum SkipReason { MaxErrorsExceeded, Cancelled }

/// <summary>
/// Runs one unit of work per node with bounded concurrency and an error budget, the way SSM rate
/// control works: once more than MaxErrors nodes have failed, no new node is started; nodes already
/// running finish. Results are reported as each node completes. Every fan-out in NodeOps (Run Command,
/// and later inventory, patching, windows) goes through here.
/// </summary>
public sealed class FanOutEngine
{
    public static async Task RunAsync<TResult>(
        IReadOnlyList<ManagedNode> nodes,
        int maxConcurrency,
        int maxErrors,
        Func<ManagedNode, CancellationToken, Task<TResult>> work,
        Func<ManagedNode, SkipReason, TResult> skipped,
        Func<TResult, bool> isError,
        Action<TResult> onResult,
        Action<ManagedNode>? onStart,
        CancellationToken ct)
    {
        if (maxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(maxConcurrency));
        EnsureThreads(Math.Min(maxConcurrency, nodes.Count));
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var running = new List<Task>();
        var errors = 0;
        var index = 0;
        for (; index < nodes.Count; index++)
        {
            try
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (Volatile.Read(ref errors) > maxErrors || ct.IsCancellationRequested)
            {
                slots.Release();
                break;
            }
            var node = nodes[index];
            onStart?.Invoke(node);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    var result = await work(node, ct).ConfigureAwait(false);
                    if (isError(result)) Interlocked.Increment(ref errors);
                    onResult(result);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        var reason = ct.IsCancellationRequested ? SkipReason.Cancelled : SkipReason.MaxErrorsExceeded;
        for (; index < nodes.Count; index++) onResult(skipped(nodes[index], reason));
    }

    /// <summary>
    /// The engine's remoting blocks thread-pool threads while sessions open and pipelines run, and the pool
    /// adds threads only about once a second; with many nodes at once, connection callbacks and timeouts
    /// would queue behind them (seen as false 15 s connect timeouts at 50 nodes). So the pool's minimum
    /// is raised to cover the fan-out before it starts.
    /// </summary>
    private static void EnsureThreads(int parallel)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Math.Min(2 * parallel + 16, 1024);
        if (workers < wanted) ThreadPool.SetMinThreads(wanted, Math.Max(io, wanted));
    }
}

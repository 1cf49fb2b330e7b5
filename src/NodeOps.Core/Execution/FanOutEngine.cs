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
}

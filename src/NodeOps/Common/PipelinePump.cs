using System.Collections.Concurrent;
using System.Management.Automation;

namespace NodeOps.Common;

/// <summary>
/// Runs fan-out work on background threads while the cmdlet's own thread writes what it produces:
/// the engine allows WriteObject and WriteProgress only from the pipeline thread. On Ctrl+C the work
/// is cancelled and awaited, so every node's record is final before the cmdlet returns.
/// </summary>
internal sealed class PipelinePump : IDisposable
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);
    private readonly BlockingCollection<object> _queue = new();
    private readonly CancellationTokenSource _cts = new();

    public CancellationToken Token => _cts.Token;

    public void Post(object item)
    {
        try { _queue.Add(item); }
        catch (InvalidOperationException) { /* the pump has stopped reading; the catalog has the result */ }
    }

    public void Cancel() => _cts.Cancel();

    public void Run(Func<CancellationToken, Task> work, Action<object> write)
    {
        var task = Task.Run(() => work(_cts.Token));
        task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable()) write(item);
        }
        catch (PipelineStoppedException)
        {
            _cts.Cancel();
            task.Wait(DrainLimit);
            throw;
        }
        task.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _cts.Dispose();
        _queue.Dispose();
    }
}

using NodeOps.Core.Errors;
using NodeOps.Core.Nodes;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Automation;

/// <summary>
/// nodeops:waitForNodeState: polls a node until it is online (a fresh connection answers the probe) or
/// offline (its SSH port no longer accepts connections). Gives up after the step's timeoutSeconds (default 600).
/// </summary>
internal static class WaitForNodeStateStep
{
    public const int DefaultTimeoutSeconds = 600;

    public static async Task<object?> RunAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        var node = ctx.Catalog.Nodes.Resolve(ctx.Text("NodeId")!);
        var wanted = ctx.Text("State");
        if (wanted is not ("online" or "offline")) throw ctx.Invalid($"State must be online or offline, not '{wanted}'.");
        await WaitAsync(ctx, node, wanted, ct).ConfigureAwait(false);
        return new Dictionary<string, object?> { ["State"] = wanted, ["NodeId"] = node.NodeId };
    }

    /// <summary>Returns once the node is in the state; a TimedOut step failure says what the last check found.</summary>
    public static async Task WaitAsync(AutomationStepContext ctx, Models.ManagedNode node, string wanted, CancellationToken ct)
    {
        var every = TimeSpan.FromSeconds(ctx.Number("PollSeconds", 1)!.Value);
        var settings = ctx.Settings;
        string? last = null;
        try
        {
            while (true) await CheckAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (last is not null)
        {
            throw new StepFailedException(ErrorIds.NodeStateNotReached,
                $"Step '{ctx.Step.Name}': {node.Name} did not become {wanted} in time; the last check found: {last}", Models.AutomationStepStatus.TimedOut);
        }
        catch (FoundException)
        {
        }

        async Task CheckAsync()
        {
            bool online;
            try
            {
                await SshPreflight.CheckReachableAsync(node, settings, ct).ConfigureAwait(false);
                if (wanted == "online")
                {
                    // A pooled session may predate a restart: probe on a fresh one.
                    ctx.Pool.Clear(node.NodeId);
                    var test = await new NodeProbe(ctx.Catalog, ctx.Pool, settings).TestAsync(node, ct).ConfigureAwait(false);
                    online = test.PingStatus == Models.PingStatus.Online;
                    last = online ? "online" : $"{test.FailureKind}: {test.Error}";
                }
                else
                {
                    online = true;
                    last = "its SSH port accepts connections";
                }
            }
            catch (NodeConnectionException ex)
            {
                online = false;
                last = ex.Message;
            }
            if (online == (wanted == "online")) throw new FoundException();
            await Task.Delay(every, ct).ConfigureAwait(false);
        }
    }

    private sealed class FoundException : Exception { }
}

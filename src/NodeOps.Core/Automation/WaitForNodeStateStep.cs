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
        var every = TimeSpan.FromSeconds(ctx.Number("PollSeconds", 1)!.Value);
        var settings = ctx.Settings;
        while (true)
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
                }
                else online = true;
            }
            catch (NodeConnectionException)
            {
                online = false;
            }
            if (online == (wanted == "online")) return new Dictionary<string, object?> { ["State"] = wanted, ["NodeId"] = node.NodeId };
            await Task.Delay(every, ct).ConfigureAwait(false);
        }
    }
}

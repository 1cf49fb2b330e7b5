using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;

namespace NodeOps.Core.Automation;

/// <summary>
/// nodeops:restartNode: runs the step's RestartCommand on the node, detached so the command returns before
/// the node goes down, then waits for the node to go offline and come back online. The command is
/// required: NodeOps never picks a reboot command by itself. Once sent (its Run Command id is on the step
/// record) it is never sent again, also not when the execution is resumed; the phase reached is kept too.
/// </summary>
internal static class RestartNodeStep
{
    public static async Task<object?> RunAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        var node = ctx.Catalog.Nodes.Resolve(ctx.Text("NodeId")!);
        var restart = ctx.Text("RestartCommand");
        if (string.IsNullOrWhiteSpace(restart)) throw ctx.Invalid("RestartCommand is empty.");
        if (ctx.Record.CommandId is null)
        {
            var detached = $"nohup sh -c {RemoteScripts.ShellQuote("sleep 1; " + restart)} >/dev/null 2>&1 </dev/null &";
            var request = new CommandRequest
            {
                Kind = CommandKind.Shell, Text = detached, Plan = DocumentPlan.ForShell(detached),
                Comment = $"automation {ctx.ExecutionId} step {ctx.Step.Name}", Targets = new[] { node }, TimeoutSeconds = 60,
            };
            var runner = new NodeCommandRunner(ctx.Catalog, ctx.Pool, ctx.Settings);
            var command = runner.Create(request);
            ctx.Record.CommandId = command.CommandId;
            ctx.Record.Phase = "sent";
            ctx.Save();
            NodeCommandInvocation? result = null;
            await runner.RunAsync(command, request, inv => result = inv, null, ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (result is not { Status: InvocationStatus.Success })
                throw new StepFailedException(result?.ErrorId ?? ErrorIds.CommandFailed,
                    $"Step '{ctx.Step.Name}': the restart command could not be started on {node.Name}: {result?.StatusDetails}");
        }
        // Sessions to a restarting node are dead (and would keep its processes alive): drop them.
        ctx.Pool.Clear(node.NodeId);
        if (ctx.Record.Phase == "sent")
        {
            await WaitForNodeStateStep.WaitAsync(ctx, node, "offline", ct).ConfigureAwait(false);
            ctx.Record.Phase = "offline";
            ctx.Save();
        }
        await WaitForNodeStateStep.WaitAsync(ctx, node, "online", ct).ConfigureAwait(false);
        return new Dictionary<string, object?> { ["State"] = "online", ["NodeId"] = node.NodeId, ["CommandId"] = ctx.Record.CommandId };
    }
}

using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>
/// Run Command: records the command, fans it out with rate control, runs it on each node over a
/// pooled session, and stores each node's result (with its whole output) as soon as it completes.
/// </summary>
public sealed class NodeCommandRunner
{
    private readonly NodeCatalog _catalog;
    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;

    public NodeCommandRunner(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings)
    {
        _catalog = catalog;
        _pool = pool;
        _settings = settings;
    }

    /// <summary>Stores the command and one Pending invocation per target, atomically.</summary>
    public NodeCommand Create(CommandRequest request)
    {
        var now = DateTime.UtcNow;
        var command = new NodeCommand
        {
            CommandId = Guid.NewGuid().ToString(),
            Kind = request.Kind,
            CommandText = request.Text,
            Comment = request.Comment,
            TargetNodeIds = request.Targets.Select(n => n.NodeId).ToList(),
            TargetTags = request.TargetTags.ToList(),
            MaxConcurrency = request.MaxConcurrency.ToString(),
            MaxErrors = request.MaxErrors.ToString(),
            TimeoutSeconds = request.TimeoutSeconds,
            Status = CommandStatus.InProgress,
            TargetCount = request.Targets.Count,
            RequestedAt = now,
            RequestedBy = ControllerIdentity.UserName,
            OwnerHost = ControllerIdentity.MachineName,
            OwnerProcessId = ControllerIdentity.ProcessId,
        };
        var invocations = request.Targets.Select(n => new NodeCommandInvocation
        {
            InvocationId = NodeCommandInvocation.MakeId(command.CommandId, n.NodeId),
            CommandId = command.CommandId,
            NodeId = n.NodeId,
            NodeName = n.Name,
            Status = InvocationStatus.Pending,
        });
        _catalog.Commands.Create(command, invocations);
        return command;
    }

    public async Task RunAsync(NodeCommand command, CommandRequest request, Action<NodeCommandInvocation> onResult,
        Action<FanOutProgress>? onProgress, CancellationToken ct)
    {
        var total = request.Targets.Count;
        int completed = 0, running = 0, failed = 0;
        void Report() => onProgress?.Invoke(new FanOutProgress(total, Volatile.Read(ref completed), Volatile.Read(ref running), Volatile.Read(ref failed)));

        try
        {
            await FanOutEngine.RunAsync(
                request.Targets,
                request.MaxConcurrency.ConcurrencyFor(total),
                request.MaxErrors.ErrorsFor(total),
                (node, token) => RunOnNodeAsync(command, request, node, token),
                (node, reason) => Skip(command, node, reason),
                inv => inv.IsError,
                inv =>
                {
                    if (inv.StartTime is not null) Interlocked.Decrement(ref running);
                    Interlocked.Increment(ref completed);
                    if (inv.IsError) Interlocked.Increment(ref failed);
                    onResult(inv);
                    Report();
                },
                _ =>
                {
                    Interlocked.Increment(ref running);
                    Report();
                },
                ct).ConfigureAwait(false);
        }
        finally
        {
            Finish(command, ct.IsCancellationRequested);
        }
    }

    private void Finish(NodeCommand command, bool cancelled)
    {
        var invocations = _catalog.Commands.InvocationsOf(command.CommandId);
        command.CompletedCount = invocations.Count(i => i.Status is not (InvocationStatus.Pending or InvocationStatus.InProgress));
        command.ErrorCount = invocations.Count(i => i.IsError);
        command.Status = cancelled ? CommandStatus.Cancelled
            : invocations.All(i => i.Status == InvocationStatus.Success) ? CommandStatus.Success
            : CommandStatus.Failed;
        command.FinishedAt = DateTime.UtcNow;
        _catalog.Commands.UpdateCommand(command);
    }

    private NodeCommandInvocation Skip(NodeCommand command, ManagedNode node, SkipReason reason)
    {
        var inv = NewInvocation(command, node);
        inv.Status = reason == SkipReason.Cancelled ? InvocationStatus.Cancelled : InvocationStatus.NotStarted;
        inv.ErrorId = reason == SkipReason.Cancelled ? ErrorIds.Cancelled : ErrorIds.MaxErrorsExceeded;
        inv.StatusDetails = reason == SkipReason.Cancelled
            ? "Cancelled before it started on this node."
            : $"Not started: more than MaxErrors ({command.MaxErrors}) nodes had failed.";
        _catalog.Commands.Complete(inv, "", "");
        return inv;
    }

    private async Task<NodeCommandInvocation> RunOnNodeAsync(NodeCommand command, CommandRequest request, ManagedNode node, CancellationToken ct)
    {
        var inv = NewInvocation(command, node);
        // Not written yet: the invocation stays Pending in the catalog until its result is stored (one write
        // per node); if this process dies first, the next open marks it Interrupted either way.
        inv.Status = InvocationStatus.InProgress;
        inv.StartTime = DateTime.UtcNow;
        string stdout = "", stderr = "";
        try
        {
            var session = await _pool.AcquireAsync(node, _settings, ct).ConfigureAwait(false);
            try
            {
                (stdout, stderr) = await ExecuteAsync(session, request, inv, ct).ConfigureAwait(false);
            }
            finally
            {
                _pool.Release(session);
            }
        }
        catch (NodeConnectionException ex)
        {
            inv.Status = InvocationStatus.Undeliverable;
            inv.ErrorId = ex.ErrorId;
            inv.StatusDetails = ex.Message;
            stderr = ex.Message;
        }
        catch (OperationCanceledException)
        {
            inv.Status = InvocationStatus.Cancelled;
            inv.ErrorId = ErrorIds.Cancelled;
            inv.StatusDetails = "Cancelled while connecting.";
        }
        catch (Exception ex)
        {
            inv.Status = InvocationStatus.Failed;
            inv.ErrorId = ErrorIds.CommandFailed;
            inv.StatusDetails = ex.Message;
            stderr = ex.ToString();
        }
        inv.EndTime = DateTime.UtcNow;
        _catalog.Commands.Complete(inv, stdout, stderr);
        inv.StandardOutput = stdout;
        inv.StandardError = stderr;
        inv.OutputTruncated = false;
        return inv;
    }

    private static async Task<(string stdout, string stderr)> ExecuteAsync(NodeSession session, CommandRequest request, NodeCommandInvocation inv, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(request.TimeoutSeconds);
        if (request.Kind == CommandKind.Shell)
        {
            // The node enforces the deadline itself and reports TimedOut; the controller's limit is a backstop.
            var result = await session.InvokeAsync(
                ps => ps.AddScript(RemoteScripts.RunShell).AddParameter("Script", request.Text).AddParameter("TimeoutSeconds", request.TimeoutSeconds),
                timeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            return ApplyShellResult(result, inv);
        }

        var ps1 = await session.InvokeAsync(ps =>
        {
            ps.AddScript(RemoteScripts.ResetExitCode).AddStatement()
              .AddScript(request.Text).AddStatement()
              .AddScript(RemoteScripts.ReportExitCode);
        }, timeout, ct).ConfigureAwait(false);
        return ApplyPowerShellResult(ps1, inv);
    }

    private static (string, string) ApplyShellResult(RemoteInvocationResult result, NodeCommandInvocation inv)
    {
        if (SetIfInterrupted(result, inv)) return ("", ObjectText.RenderErrors(result.Errors));
        var report = result.Output.LastOrDefault();
        if (report is null || result.TerminatingError is not null)
        {
            inv.Status = InvocationStatus.Failed;
            inv.ErrorId = ErrorIds.CommandFailed;
            var error = result.TerminatingError?.ToString() ?? ObjectText.RenderErrors(result.Errors);
            inv.StatusDetails = FirstLine(error);
            return ("", error);
        }
        var stdout = report.Properties["StandardOutput"]?.Value as string ?? "";
        var stderr = report.Properties["StandardError"]?.Value as string ?? "";
        if (report.Properties["TimedOut"]?.Value is true)
        {
            inv.Status = InvocationStatus.TimedOut;
            inv.ErrorId = ErrorIds.CommandTimedOut;
            inv.StatusDetails = "The script ran longer than TimeoutSeconds and was stopped on the node.";
            return (stdout, stderr);
        }
        inv.ExitCode = report.Properties["ExitCode"]?.Value is int code ? code : -1;
        SetByExitCode(inv);
        return (stdout, stderr);
    }

    private static (string, string) ApplyPowerShellResult(RemoteInvocationResult result, NodeCommandInvocation inv)
    {
        var output = result.Output.Where(o => o.Properties[RemoteScripts.ExitCodeMarker] is null).ToArray();
        var marker = result.Output.LastOrDefault(o => o.Properties[RemoteScripts.ExitCodeMarker] is not null);
        inv.Output = output.Select(o => (object)o).ToArray();
        var stdout = ObjectText.Render(output);
        var stderr = ObjectText.RenderErrors(result.Errors);
        if (result.TerminatingError is not null) stderr += result.TerminatingError + Environment.NewLine;
        if (SetIfInterrupted(result, inv)) return (stdout, stderr);

        var lastExit = marker?.Properties[RemoteScripts.ExitCodeMarker]?.Value is int c ? c : 0;
        inv.ExitCode = result.TerminatingError is not null ? (lastExit != 0 ? lastExit : 1)
            : lastExit != 0 ? lastExit
            : result.Errors.Length > 0 ? 1 : 0;
        SetByExitCode(inv);
        if (inv.Status == InvocationStatus.Failed) inv.StatusDetails = FirstLine(stderr);
        return (stdout, stderr);
    }

    private static bool SetIfInterrupted(RemoteInvocationResult result, NodeCommandInvocation inv)
    {
        switch (result.Outcome)
        {
            case RemoteOutcome.TimedOut:
                inv.Status = InvocationStatus.TimedOut;
                inv.ErrorId = ErrorIds.CommandTimedOut;
                inv.StatusDetails = "The command ran longer than TimeoutSeconds and was stopped.";
                return true;
            case RemoteOutcome.Cancelled:
                inv.Status = InvocationStatus.Cancelled;
                inv.ErrorId = ErrorIds.Cancelled;
                inv.StatusDetails = "Cancelled while running; the remote pipeline was stopped.";
                return true;
            default:
                return false;
        }
    }

    private static void SetByExitCode(NodeCommandInvocation inv)
    {
        if (inv.ExitCode == 0)
        {
            inv.Status = InvocationStatus.Success;
            return;
        }
        inv.Status = InvocationStatus.Failed;
        inv.ErrorId = ErrorIds.CommandFailed;
        inv.StatusDetails = $"Exit code {inv.ExitCode}.";
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static NodeCommandInvocation NewInvocation(NodeCommand command, ManagedNode node) => new()
    {
        InvocationId = NodeCommandInvocation.MakeId(command.CommandId, node.NodeId),
        CommandId = command.CommandId,
        NodeId = node.NodeId,
        NodeName = node.Name,
    };
}

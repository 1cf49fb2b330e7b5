using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
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
    public NodeCommand Create(CommandRequest request) => Create(NewCommand(request), request);

    private NodeCommand Create(NodeCommand command, CommandRequest request)
    {
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

    private static NodeCommand NewCommand(CommandRequest request)
    {
        var now = DateTime.UtcNow;
        return new NodeCommand
        {
            CommandId = Guid.NewGuid().ToString(),
            Kind = request.Kind,
            CommandText = request.Text,
            DocumentName = request.Plan.DocumentName is { Length: > 0 } d ? d : null,
            DocumentVersion = request.Plan.DocumentVersion,
            Parameters = request.Plan.Parameters.ToDictionary(p => p.Key, p => ParameterValues.Text(p.Value)),
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
    }

    /// <summary>
    /// Like <see cref="Create"/>, but when a named change calendar is closed (and not ignored) the command is
    /// recorded as Skipped with the reason, with no invocations, and must not be run.
    /// </summary>
    public NodeCommand CreateUnlessCalendarClosed(CommandRequest request, IReadOnlyList<string> calendars, bool ignoreCalendars)
    {
        _catalog.ChangeCalendars.CheckExist(calendars);
        var (closed, ignored) = _catalog.ChangeCalendars.Gate(calendars, DateTime.UtcNow, ignoreCalendars);
        var command = NewCommand(request);
        command.ChangeCalendarNames = calendars.ToList();
        command.IgnoredChangeCalendar = ignored;
        if (closed is null) return Create(command, request);
        command.Status = CommandStatus.Skipped;
        command.StatusDetails = closed;
        command.FinishedAt = command.RequestedAt;
        _catalog.Commands.Create(command, Array.Empty<NodeCommandInvocation>());
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
                (stdout, stderr) = await ExecuteAsync(session, node, request, inv, ct).ConfigureAwait(false);
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
        if (request.Plan.Secrets.Count > 0)
        {
            stdout = SecretMask.Apply(stdout, request.Plan.Secrets);
            stderr = SecretMask.Apply(stderr, request.Plan.Secrets);
            if (inv.StatusDetails is not null) inv.StatusDetails = SecretMask.Apply(inv.StatusDetails, request.Plan.Secrets);
        }
        _catalog.Commands.Complete(inv, stdout, stderr);
        inv.StandardOutput = stdout;
        inv.StandardError = stderr;
        inv.OutputTruncated = false;
        return inv;
    }

    private async Task<(string stdout, string stderr)> ExecuteAsync(NodeSession session, ManagedNode node, CommandRequest request,
        NodeCommandInvocation inv, CancellationToken ct)
    {
        var context = new StepContext(node.NodeId, _catalog.Inventory)
        {
            Node = node, Patching = new Patching.CatalogPatchSink(_catalog), Compliance = _catalog.Compliance, Pool = _pool, Settings = _settings, CommandId = inv.CommandId,
        };
        var run = await DocumentExecutor.RunAsync(session, node, request.Plan, request.TimeoutSeconds, context, ct).ConfigureAwait(false);
        inv.Steps = run.Steps;
        inv.Status = run.Status;
        inv.Output = run.Output.ToArray();
        inv.RebootRequested = run.Steps.Any(s => s.RebootRequested);
        var ran = run.Steps.Where(s => s.StartTime is not null).ToList();
        var failing = ran.FirstOrDefault(s => s.IsError || s.Status == StepStatus.Cancelled);
        inv.ExitCode = (failing ?? ran.LastOrDefault())?.ExitCode;
        if (failing is not null && inv.Status != InvocationStatus.Success)
        {
            inv.ErrorId = failing.ErrorId;
            inv.StatusDetails = ran.Count > 1 || run.Steps.Count > 1 ? $"Step '{failing.Name}': {failing.StatusDetails}" : failing.StatusDetails;
        }
        else if (inv.RebootRequested)
        {
            inv.StatusDetails = run.Steps.First(s => s.RebootRequested).StatusDetails;
        }
        else if (ran.Count == 0 && run.Steps.Count > 0)
        {
            inv.StatusDetails = "No step applied to this node: " + run.Steps[0].StatusDetails;
        }
        SecretMask.Apply(inv, request.Plan.Secrets);
        var stdout = string.Concat(ran.Select(s => s.StandardOutput));
        var stderr = string.Concat(ran.Select(s => s.StandardError));
        return (stdout, stderr);
    }

    private static NodeCommandInvocation NewInvocation(NodeCommand command, ManagedNode node) => new()
    {
        InvocationId = NodeCommandInvocation.MakeId(command.CommandId, node.NodeId),
        CommandId = command.CommandId,
        NodeId = node.NodeId,
        NodeName = node.Name,
    };
}

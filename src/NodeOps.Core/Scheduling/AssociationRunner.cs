using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Scheduling;

/// <summary>Applies an association to nodes (one Run Command) and records each node's status and compliance.</summary>
public sealed class AssociationRunner
{
    private readonly NodeCatalog _catalog;
    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;
    private readonly ISchedulerClock _clock;

    public AssociationRunner(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings, ISchedulerClock clock)
    {
        _catalog = catalog;
        _pool = pool;
        _settings = settings;
        _clock = clock;
    }

    /// <summary>The association's nodes now (none when its tags match nothing yet).</summary>
    public IReadOnlyList<ManagedNode> Targets(NodeAssociation a) => TargetResolver.Matching(_catalog.Nodes, a.NodeIds, a.Tags);

    /// <summary>The plan a (non-runbook) association runs, bound and checked (used when it is created, too).</summary>
    public static DocumentPlan Plan(NodeCatalog catalog, NodeDocument record, DocumentDefinition definition, NodeAssociation a) =>
        new DocumentPlanner(catalog.Documents, catalog.Parameters).Plan(record, definition, StoredParameters.ToTable(a.Parameters));

    /// <summary>Runs the association on the nodes unless a named change calendar is closed; records the run.</summary>
    public async Task<NodeAssociationRun> ApplyAsync(NodeAssociation a, NodeAssociationRun run, IReadOnlyList<ManagedNode> nodes,
        bool ignoreChangeCalendar, CancellationToken ct)
    {
        run.NodeIds = nodes.Select(n => n.NodeId).ToList();
        (var closed, run.IgnoredChangeCalendar) = _catalog.ChangeCalendars.Gate(a.ChangeCalendarNames, _clock.UtcNow, ignoreChangeCalendar);
        if (closed is not null)
        {
            _catalog.Associations.RecordSkipped(a, nodes, closed);
            run.Status = "Skipped";
            run.StatusDetails = closed;
            run.EndTime = _clock.UtcNow;
            _catalog.Associations.UpdateRun(run);
            return run;
        }
        try
        {
            var (record, definition) = _catalog.Documents.Resolve(a.DocumentName, a.DocumentVersion);
            if (definition.DocumentType == DocumentType.Automation)
                await ApplyRunbookAsync(a, run, nodes, ct).ConfigureAwait(false);
            else
                await ApplyCommandAsync(a, run, nodes, Plan(_catalog, record, definition, a), ct).ConfigureAwait(false);
        }
        catch (NodeOpsException ex)
        {
            run.Status = "Failed";
            run.StatusDetails = $"{ex.ErrorId}: {ex.Message}";
        }
        run.EndTime = _clock.UtcNow;
        _catalog.Associations.UpdateRun(run);
        return run;
    }

    /// <summary>A document association: one Run Command over the nodes.</summary>
    private async Task ApplyCommandAsync(NodeAssociation a, NodeAssociationRun run, IReadOnlyList<ManagedNode> nodes, DocumentPlan plan, CancellationToken ct)
    {
        var request = new CommandRequest
        {
            Kind = CommandKind.Document,
            Text = plan.Reference,
            Plan = plan,
            Comment = CommandRequest.CommentFrom($"Association {a.DisplayName} ({run.Trigger})"),
            Targets = nodes,
            TargetTags = a.Tags,
            MaxConcurrency = RateLimit.ParseConcurrency(a.MaxConcurrency),
            MaxErrors = RateLimit.ParseErrors(a.MaxErrors),
            TimeoutSeconds = a.TimeoutSeconds,
        };
        var runner = new NodeCommandRunner(_catalog, _pool, _settings);
        var command = runner.Create(request);
        run.CommandId = command.CommandId;
        run.Status = "InProgress";
        _catalog.Associations.UpdateRun(run);
        // Every node's final invocation comes through the callback, and RunAsync leaves the command's final status on it.
        var results = new List<NodeCommandInvocation>();
        await runner.RunAsync(command, request, inv => { lock (results) results.Add(inv); }, null, ct).ConfigureAwait(false);
        _catalog.Associations.RecordResults(a, results);
        run.Status = command.Status.ToString();
    }

    /// <summary>A runbook association: one automation execution (per node with a target parameter); each node's compliance follows its execution.</summary>
    private async Task ApplyRunbookAsync(NodeAssociation a, NodeAssociationRun run, IReadOnlyList<ManagedNode> nodes, CancellationToken ct)
    {
        var request = ScheduledRunbook.Request(a.DocumentName, a.DocumentVersion, a.Parameters, a.AutomationTargetParameterName, nodes, a.MaxConcurrency, a.MaxErrors);
        var started = new AutomationRunner(_catalog, _pool, _settings).Start(request);
        run.AutomationExecutionId = started.ExecutionId;
        run.Status = "InProgress";
        _catalog.Associations.UpdateRun(run);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(a.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var finished = await ScheduledRunbook.RunAsync(_catalog, _pool, _settings, started.ExecutionId, linked.Token).ConfigureAwait(false);
        if (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            finished = ScheduledRunbook.MarkTimedOut(_catalog, finished, $"The association's timeout ({a.TimeoutSeconds} s) passed before the runbook ended.");
        var names = nodes.ToDictionary(n => n.NodeId, n => n.Name, StringComparer.OrdinalIgnoreCase);
        _catalog.Associations.RecordResults(a, ScheduledRunbook.PerNode(_catalog, finished, nodes).Select(r => new NodeCommandInvocation
        {
            CommandId = r.Execution.ExecutionId,
            NodeId = r.NodeId,
            NodeName = names.TryGetValue(r.NodeId, out var name) ? name : r.NodeId,
            Status = r.Execution.Status switch
            {
                AutomationStatus.Success => InvocationStatus.Success,
                AutomationStatus.TimedOut => InvocationStatus.TimedOut,
                AutomationStatus.Cancelled => InvocationStatus.Cancelled,
                _ => InvocationStatus.Failed,
            },
            StatusDetails = $"Automation execution {r.Execution.ExecutionId}: {r.Execution.Status}" + (r.Execution.FailureMessage is { } m ? " (" + m + ")" : ""),
            EndTime = r.Execution.EndTime ?? DateTime.UtcNow,
        }).ToList());
        run.Status = finished.Status.ToString();
    }

    public NodeAssociationRun NewRun(NodeAssociation a, string trigger, DateTime? occurrence) => new()
    {
        RunId = occurrence is { } o ? NodeAssociationRun.MakeId(a.AssociationId, o) : $"{a.AssociationId}@{Guid.NewGuid():N}",
        AssociationId = a.AssociationId,
        Occurrence = occurrence,
        Trigger = trigger,
        Status = "Pending",
        CreatedTime = _clock.UtcNow,
    };
}

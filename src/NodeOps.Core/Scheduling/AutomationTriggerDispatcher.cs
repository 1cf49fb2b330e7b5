using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Scheduling;

/// <summary>
/// Starts the runbooks of fired compliance triggers: each Pending event is claimed in a transaction, its runbook is
/// started under the event's pre-chosen execution id (so a process that dies after starting it and before marking the
/// event never leads to a second start), the event is marked Started, and the execution is driven in the background.
/// </summary>
public sealed class AutomationTriggerDispatcher
{
    private readonly NodeCatalog _catalog;
    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;

    public AutomationTriggerDispatcher(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings)
    {
        _catalog = catalog;
        _pool = pool;
        _settings = settings;
    }

    /// <summary>Starts what is pending; returns (execution id, completion) for each runbook this call started.</summary>
    public IReadOnlyList<(string ExecutionId, Task Completion)> Dispatch(CancellationToken ct)
    {
        var started = new List<(string, Task)>();
        // Transitions come in bursts (one trigger, many nodes): each trigger's runbook is read once per pass, not per event.
        var declaredBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pending in _catalog.AutomationTriggers.Pending())
        {
            var e = _catalog.AutomationTriggers.TryClaim(pending.EventId, ClaimedByLiveProcess);
            if (e is null) continue;
            if (Start(e, declaredBy) is { } id)
                started.Add((id, Task.Run(() => ScheduledRunbook.RunAsync(_catalog, _pool, _settings, id, ct), CancellationToken.None)));
        }
        return started;
    }

    private string? Start(NodeAutomationTriggerEvent e, Dictionary<string, List<string>> declaredBy)
    {
        if (_catalog.Automation.Find(e.AutomationExecutionId) is not null)
        {
            // A process claimed it, started it and died before marking it: the execution is resumed like any orphan.
            _catalog.AutomationTriggers.Finish(e.EventId, TriggerEventStatus.Started, "Started by a process that ended before recording it.");
            return null;
        }
        var trigger = _catalog.AutomationTriggers.Find(e.TriggerName);
        if (trigger is null)
        {
            _catalog.AutomationTriggers.Finish(e.EventId, TriggerEventStatus.Skipped, "The trigger was unregistered before its runbook started.");
            return null;
        }
        try
        {
            if (!declaredBy.TryGetValue(trigger.Name, out var declared))
            {
                var (record, definition) = _catalog.Documents.Resolve(trigger.DocumentName, trigger.DocumentVersion);
                declaredBy[trigger.Name] = declared = RunbookReader.Read(record.Name, record.Version, definition).Parameters.Select(p => p.Name).ToList();
            }
            var runner = new AutomationRunner(_catalog, _pool, _settings);
            runner.Start(new AutomationRequest
            {
                DocumentName = trigger.DocumentName,
                DocumentVersion = trigger.DocumentVersion,
                Parameters = AutomationTriggerRules.Parameters(trigger, e, declared),
                ExecutionId = e.AutomationExecutionId,
                OwnedByThisProcess = true,
            });
            _catalog.AutomationTriggers.Finish(e.EventId, TriggerEventStatus.Started,
                $"Runbook {trigger.DocumentName} started for {e.NodeId}: {e.ComplianceType} {e.ItemId} became NonCompliant.");
            return e.AutomationExecutionId;
        }
        catch (NodeOpsException ex)
        {
            _catalog.AutomationTriggers.Finish(e.EventId, TriggerEventStatus.Failed, $"{ex.ErrorId}: {ex.Message}");
            return null;
        }
    }

    private static bool ClaimedByLiveProcess(NodeAutomationTriggerEvent e)
    {
        return ControllerIdentity.IsLiveOwner(e.ClaimedByHost, e.ClaimedByProcessId, e.ClaimedAt ?? e.DetectedAt);
    }
}

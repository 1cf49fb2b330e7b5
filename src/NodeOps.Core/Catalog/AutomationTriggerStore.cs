using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Compliance triggers (-OnNonCompliant) and their outbox of fired transitions. A transition is recorded inside the
/// transaction that writes the compliance item (<see cref="ComplianceStore.ReplaceItems"/>), so none is lost or
/// recorded without the item; a scheduler pass claims each one in a transaction before starting its runbook.
/// </summary>
public sealed class AutomationTriggerStore
{
    private readonly NodeCatalog _catalog;
    internal AutomationTriggerStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<NodeAutomationTrigger> Triggers(LiteDatabase db) => db.GetCollection<NodeAutomationTrigger>(CatalogCollections.AutomationTriggers);
    private static ILiteCollection<NodeAutomationTriggerEvent> Events(LiteDatabase db) => db.GetCollection<NodeAutomationTriggerEvent>(CatalogCollections.AutomationTriggerEvents);

    public NodeAutomationTrigger Add(NodeAutomationTrigger trigger) => _catalog.InTransaction(db =>
    {
        if (Triggers(db).FindById(trigger.Name) is not null)
            throw new NodeOpsException(ErrorIds.AutomationTriggerExists, ErrorCategory.ResourceExists, trigger.Name,
                $"An automation trigger named '{trigger.Name}' already exists. Unregister it first or choose another name.");
        Triggers(db).Insert(trigger);
        return trigger;
    });

    public NodeAutomationTrigger Get(string name) =>
        Find(name) ?? throw new NodeOpsException(ErrorIds.AutomationTriggerNotFound, ErrorCategory.ObjectNotFound, name,
            $"No automation trigger named '{name}' is in the catalog (Get-NodeAutomationTrigger lists them).");

    public NodeAutomationTrigger? Find(string name) => _catalog.Run(db => Triggers(db).FindById(name));

    public IReadOnlyList<NodeAutomationTrigger> All() => _catalog.Run(db => Triggers(db).FindAll().OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList());

    /// <summary>Removes the trigger; its transitions not started yet are marked Skipped in the same transaction.</summary>
    public void Remove(string name) => _catalog.InTransaction(db =>
    {
        if (!Triggers(db).Delete(name))
            throw new NodeOpsException(ErrorIds.AutomationTriggerNotFound, ErrorCategory.ObjectNotFound, name, $"No automation trigger named '{name}' is in the catalog.");
        foreach (var e in Events(db).Find(e => e.TriggerName == name && e.Status == TriggerEventStatus.Pending).ToList())
        {
            e.Status = TriggerEventStatus.Skipped;
            e.StatusDetails = "The trigger was unregistered before its runbook started.";
            Events(db).Update(e);
        }
    });

    public IReadOnlyList<NodeAutomationTriggerEvent> EventsOf(string? triggerName) => _catalog.Run(db =>
        Events(db).FindAll()
            .Where(e => triggerName is null || e.TriggerName.Equals(triggerName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.DetectedAt).ToList());

    /// <summary>The events not started yet, oldest first: what each scheduler pass looks at (the query skips the outbox's history).</summary>
    public IReadOnlyList<NodeAutomationTriggerEvent> Pending() => _catalog.Run(db =>
        Events(db).Find(e => e.Status == TriggerEventStatus.Pending).OrderBy(e => e.DetectedAt).ToList());

    /// <summary>
    /// Inside the compliance write: for each item that is NonCompliant now and was not before, one Pending event per
    /// trigger it fires. Cheap when no trigger exists (one lookup in an empty collection).
    /// </summary>
    internal void RecordTransitions(LiteDatabase db, string nodeId, Func<IReadOnlyDictionary<string, ComplianceStatus>> readPrevious, IEnumerable<ComplianceItem> stored)
    {
        var triggers = Triggers(db).FindAll().ToList();
        if (triggers.Count == 0) return;
        var previous = readPrevious();
        ManagedNode? node = null;
        var nodeRead = false;
        foreach (var item in stored.Where(i => i.Status == ComplianceStatus.NonCompliant))
        {
            ComplianceStatus? before = previous.TryGetValue(item.Id, out var p) ? p : null;
            if (before == ComplianceStatus.NonCompliant) continue;
            if (!nodeRead)
            {
                node = db.GetCollection<ManagedNode>(CatalogCollections.Nodes).FindById(nodeId);
                nodeRead = true;
            }
            foreach (var trigger in triggers.Where(t => AutomationTriggerRules.Fires(t, item, before, node)))
                Events(db).Insert(new NodeAutomationTriggerEvent
                {
                    EventId = Guid.NewGuid().ToString(),
                    TriggerName = trigger.Name,
                    NodeId = nodeId,
                    ComplianceType = item.Type,
                    ItemId = item.Id,
                    ItemTitle = item.Title,
                    Severity = item.Severity,
                    PreviousStatus = before,
                    DetectedAt = DateTime.UtcNow,
                    Status = TriggerEventStatus.Pending,
                    AutomationExecutionId = AutomationExecution.NewId(),
                });
        }
    }

    /// <summary>
    /// Claims a Pending event for this process: refused (null) when another live process holds it. A claim by a
    /// process that has died is taken over; the pre-chosen execution id keeps the runbook from starting twice.
    /// </summary>
    public NodeAutomationTriggerEvent? TryClaim(string eventId, Func<NodeAutomationTriggerEvent, bool> claimedByLiveProcess) => _catalog.InTransaction(db =>
    {
        var e = Events(db).FindById(eventId);
        if (e is null || e.Status != TriggerEventStatus.Pending) return null;
        if (e.ClaimedByHost is not null && claimedByLiveProcess(e)) return null;
        e.ClaimedByHost = ControllerIdentity.MachineName;
        e.ClaimedByProcessId = ControllerIdentity.ProcessId;
        e.ClaimedAt = DateTime.UtcNow;
        Events(db).Update(e);
        return e;
    });

    public NodeAutomationTriggerEvent Finish(string eventId, TriggerEventStatus status, string? details) => _catalog.InTransaction(db =>
    {
        var e = Events(db).FindById(eventId) 
            ?? throw new NodeOpsException(ErrorIds.AutomationTriggerNotFound, ErrorCategory.ObjectNotFound, eventId, $"Trigger event {eventId} is not in the catalog.");
        e.Status = status;
        e.StatusDetails = details;
        if (status == TriggerEventStatus.Started) e.StartedAt = DateTime.UtcNow;
        Events(db).Update(e);
        return e;
    });
}

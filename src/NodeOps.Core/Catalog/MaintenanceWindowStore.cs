using System.Management.Automation;
using System.Security.Cryptography;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;

namespace NodeOps.Core.Catalog;

/// <summary>Maintenance windows with their targets and tasks, and the history of their executions.</summary>
public sealed class MaintenanceWindowStore
{
    private readonly NodeCatalog _catalog;

    internal MaintenanceWindowStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<MaintenanceWindow> Windows(LiteDatabase db) => db.GetCollection<MaintenanceWindow>(CatalogCollections.MaintenanceWindows);
    private static ILiteCollection<MaintenanceWindowTarget> Targets(LiteDatabase db) => db.GetCollection<MaintenanceWindowTarget>(CatalogCollections.MaintenanceWindowTargets);
    private static ILiteCollection<MaintenanceWindowTask> Tasks(LiteDatabase db) => db.GetCollection<MaintenanceWindowTask>(CatalogCollections.MaintenanceWindowTasks);
    private static ILiteCollection<MaintenanceWindowExecution> Executions(LiteDatabase db) => db.GetCollection<MaintenanceWindowExecution>(CatalogCollections.MaintenanceWindowExecutions);

    public static string NewWindowId() => "mw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant()[..17];

    public MaintenanceWindow Create(MaintenanceWindow window)
    {
        MaintenanceWindowRules.Check(window);
        return _catalog.InTransaction(db =>
        {
            if (FindByName(db, window.Name) is not null)
                throw new NodeOpsException(ErrorIds.MaintenanceWindowNameInUse, ErrorCategory.ResourceExists, window.Name,
                    $"A maintenance window named '{window.Name}' already exists.");
            window.WindowId = NewWindowId();
            window.CreatedDate = window.ModifiedDate = DateTime.UtcNow;
            Windows(db).Insert(window);
            return window;
        });
    }

    public void Update(MaintenanceWindow window)
    {
        MaintenanceWindowRules.Check(window);
        _catalog.InTransaction(db =>
        {
            var other = FindByName(db, window.Name);
            if (other is not null && other.WindowId != window.WindowId)
                throw new NodeOpsException(ErrorIds.MaintenanceWindowNameInUse, ErrorCategory.ResourceExists, window.Name,
                    $"A maintenance window named '{window.Name}' already exists.");
            window.ModifiedDate = DateTime.UtcNow;
            Windows(db).Update(window);
        });
    }

    /// <summary>A window by id (mw-...) or name.</summary>
    public MaintenanceWindow Get(string idOrName) => _catalog.Run(db => Windows(db).FindById(idOrName) ?? FindByName(db, idOrName))
        ?? throw new NodeOpsException(ErrorIds.MaintenanceWindowNotFound, ErrorCategory.ObjectNotFound, idOrName,
            $"No maintenance window has the id or name '{idOrName}'.");

    public IReadOnlyList<MaintenanceWindow> All() => _catalog.Run(db => Windows(db).FindAll().OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).ToList());

    private static MaintenanceWindow? FindByName(LiteDatabase db, string name) =>
        Windows(db).FindAll().FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes a window with its targets and tasks; its execution history stays.</summary>
    public void Remove(string windowId) => _catalog.InTransaction(db =>
    {
        Targets(db).DeleteMany(t => t.WindowId == windowId);
        Tasks(db).DeleteMany(t => t.WindowId == windowId);
        Windows(db).Delete(windowId);
    });

    public MaintenanceWindowTarget AddTarget(MaintenanceWindowTarget target) => _catalog.InTransaction(db =>
    {
        target.WindowTargetId = Guid.NewGuid().ToString();
        Targets(db).Insert(target);
        return target;
    });

    public IReadOnlyList<MaintenanceWindowTarget> TargetsOf(string windowId) => _catalog.Run(db => Targets(db).Find(t => t.WindowId == windowId).ToList());

    public void RemoveTarget(string windowId, string targetId, bool safe) => _catalog.InTransaction(db =>
    {
        var target = Targets(db).FindById(targetId);
        if (target is null || target.WindowId != windowId)
            throw new NodeOpsException(ErrorIds.MaintenanceWindowTargetNotFound, ErrorCategory.ObjectNotFound, targetId,
                $"The window has no target '{targetId}'.");
        var users = Tasks(db).Find(t => t.WindowId == windowId).Where(t => t.WindowTargetIds.Contains(targetId)).ToList();
        if (users.Count > 0 && safe)
            throw new NodeOpsException(ErrorIds.MaintenanceWindowTargetInUse, ErrorCategory.ResourceBusy, targetId,
                $"Target '{targetId}' is used by task(s) {string.Join(", ", users.Select(u => u.Name ?? u.WindowTaskId))}; unregister them first or leave out -Safe.");
        foreach (var task in users)
        {
            task.WindowTargetIds.Remove(targetId);
            Tasks(db).Update(task);
        }
        Targets(db).Delete(targetId);
    });

    public MaintenanceWindowTask AddTask(MaintenanceWindowTask task) => _catalog.InTransaction(db =>
    {
        foreach (var id in task.WindowTargetIds)
            if (Targets(db).FindById(id) is not { } t || t.WindowId != task.WindowId)
                throw new NodeOpsException(ErrorIds.MaintenanceWindowTargetNotFound, ErrorCategory.ObjectNotFound, id,
                    $"The window has no target '{id}'. Register it first with Register-MaintenanceWindowTarget.");
        task.WindowTaskId = Guid.NewGuid().ToString();
        Tasks(db).Insert(task);
        return task;
    });

    public IReadOnlyList<MaintenanceWindowTask> TasksOf(string windowId) => _catalog.Run(db =>
        Tasks(db).Find(t => t.WindowId == windowId).OrderBy(t => t.Priority).ThenBy(t => t.Name).ToList());

    public void RemoveTask(string windowId, string taskId) => _catalog.Run(db =>
    {
        var task = Tasks(db).FindById(taskId);
        if (task is null || task.WindowId != windowId)
            throw new NodeOpsException(ErrorIds.MaintenanceWindowTaskNotFound, ErrorCategory.ObjectNotFound, taskId,
                $"The window has no task '{taskId}'.");
        Tasks(db).Delete(taskId);
    });

    public IReadOnlyList<MaintenanceWindowExecution> ExecutionsOf(string? windowId, int? first = null) => _catalog.Run(db =>
    {
        var all = windowId is null ? Executions(db).FindAll() : Executions(db).Find(e => e.WindowId == windowId);
        var ordered = all.OrderByDescending(e => e.Occurrence).ThenByDescending(e => e.StartTime);
        return (first is { } n ? ordered.Take(n) : ordered).ToList();
    });

    public MaintenanceWindowExecution GetExecution(string executionId) => _catalog.Run(db => Executions(db).FindById(executionId))
        ?? throw new NodeOpsException(ErrorIds.MaintenanceWindowExecutionNotFound, ErrorCategory.ObjectNotFound, executionId,
            $"No maintenance window execution has the id '{executionId}'.");

    public void UpdateExecution(MaintenanceWindowExecution execution) => _catalog.Run(db => Executions(db).Update(execution));

    /// <summary>
    /// Claims an occurrence: in one transaction, checks that no execution exists for it, inserts the execution
    /// and moves the window's LastOccurrence forward. False when another scheduler got there first.
    /// </summary>
    public bool TryClaim(MaintenanceWindowExecution execution, DateTime lastOccurrence) => _catalog.InTransaction(db =>
    {
        if (Executions(db).FindById(execution.ExecutionId) is not null) return false;
        var window = Windows(db).FindById(execution.WindowId);
        if (window is null) return false;
        Executions(db).Insert(execution);
        if (window.LastOccurrence is null || window.LastOccurrence < lastOccurrence)
        {
            window.LastOccurrence = lastOccurrence;
            Windows(db).Update(window);
        }
        return true;
    });

    /// <summary>Takes over an execution whose owner is gone, if it still is (checked inside the transaction).</summary>
    public MaintenanceWindowExecution? TryTakeOver(string executionId, Func<MaintenanceWindowExecution, bool> ownerGone, Action<MaintenanceWindowExecution> change) =>
        _catalog.InTransaction(db =>
        {
            var e = Executions(db).FindById(executionId);
            if (e is null || !e.IsOpen || !ownerGone(e)) return null;
            change(e);
            Executions(db).Update(e);
            return e;
        });

    public IReadOnlyList<MaintenanceWindowExecution> OpenExecutions() => _catalog.Run(db =>
        Executions(db).Find(e => e.Status == WindowExecutionStatus.InProgress || e.Status == WindowExecutionStatus.Pending).ToList());

    /// <summary>Moves LastOccurrence forward without an execution (occurrences passed over).</summary>
    public void MarkHandled(string windowId, DateTime occurrence) => _catalog.InTransaction(db =>
    {
        var window = Windows(db).FindById(windowId);
        if (window is null || window.LastOccurrence >= occurrence) return;
        window.LastOccurrence = occurrence;
        Windows(db).Update(window);
    });
}

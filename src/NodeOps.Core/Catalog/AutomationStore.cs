using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Automation executions, their step records and approval decisions. Every change is a read-modify-write
/// inside one transaction, so the runner and other processes (Stop, Approve, Resume) never lose each
/// other's writes.
/// </summary>
public sealed class AutomationStore
{
    private readonly NodeCatalog _catalog;
    internal AutomationStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<AutomationExecution> Executions(LiteDatabase db) => db.GetCollection<AutomationExecution>(CatalogCollections.AutomationExecutions);
    private static ILiteCollection<AutomationStepExecution> Steps(LiteDatabase db) => db.GetCollection<AutomationStepExecution>(CatalogCollections.AutomationSteps);
    private static ILiteCollection<AutomationApproval> Approvals(LiteDatabase db) => db.GetCollection<AutomationApproval>(CatalogCollections.AutomationApprovals);

    /// <summary>Stores a new execution (and, for rate control, its children) with the first step's record.</summary>
    public void Create(IEnumerable<(AutomationExecution Execution, AutomationStepExecution? First)> executions) => _catalog.InTransaction(db =>
    {
        foreach (var (e, first) in executions)
        {
            Executions(db).Insert(e);
            if (first is not null) Steps(db).Insert(first);
        }
    });

    public AutomationExecution Get(string id, bool withSteps = true) => _catalog.Run(db =>
    {
        var e = Executions(db).FindById(id) ?? throw NotFound(id);
        if (withSteps) Fill(db, e);
        return e;
    });

    /// <summary>The execution without its steps, or null when there is none with that id.</summary>
    public AutomationExecution? Find(string id) => _catalog.Run(db => Executions(db).FindById(id));

    public IReadOnlyList<AutomationExecution> Query(IReadOnlyCollection<AutomationStatus>? statuses, string? documentName, string? parentId, bool topLevelOnly, int? first) => _catalog.Run(db =>
    {
        IEnumerable<AutomationExecution> rows = Executions(db).FindAll().OrderByDescending(e => e.StartTime);
        if (statuses is { Count: > 0 }) rows = rows.Where(e => statuses.Contains(e.Status));
        if (documentName is not null) rows = rows.Where(e => e.DocumentName.Equals(documentName, StringComparison.OrdinalIgnoreCase));
        if (parentId is not null) rows = rows.Where(e => e.ParentExecutionId == parentId);
        else if (topLevelOnly) rows = rows.Where(e => e.ParentExecutionId is null);
        if (first is { } f) rows = rows.Take(f);
        var list = rows.ToList();
        foreach (var e in list) Fill(db, e);
        return list;
    });

    public AutomationStepExecution? Step(string executionId, int sequence) =>
        _catalog.Run(db => Steps(db).FindById(AutomationStepExecution.MakeId(executionId, sequence)));

    /// <summary>Changes an execution (and writes a step record) atomically, reading the stored execution first.</summary>
    public AutomationExecution Change(string id, Action<AutomationExecution> change, params AutomationStepExecution?[] steps) => _catalog.InTransaction(db =>
    {
        var e = Executions(db).FindById(id) ?? throw NotFound(id);
        change(e);
        Executions(db).Update(e);
        foreach (var s in steps.OfType<AutomationStepExecution>()) Steps(db).Upsert(s);
        return e;
    });

    /// <summary>Makes this process the execution's owner; refused while another live process (or this one) is running it.</summary>
    public AutomationExecution Claim(string id, Func<AutomationExecution, bool> isRunningElsewhere) => _catalog.InTransaction(db =>
    {
        var e = Executions(db).FindById(id) ?? throw NotFound(id);
        if (e.IsFinished)
            throw new NodeOpsException(ErrorIds.AutomationExecutionFinished, ErrorCategory.InvalidOperation, id, $"Execution {id} has already ended ({e.Status}).");
        if (isRunningElsewhere(e))
            throw new NodeOpsException(ErrorIds.AutomationExecutionBusy, ErrorCategory.ResourceBusy, id,
                $"Execution {id} is being run by process {e.OwnerProcessId} on {e.OwnerHost}; it can be resumed only when that process has ended.");
        e.OwnerHost = ControllerIdentity.MachineName;
        e.OwnerProcessId = ControllerIdentity.ProcessId;
        e.OwnerSince = DateTime.UtcNow;
        Executions(db).Update(e);
        return e;
    });

    public IReadOnlyList<AutomationApproval> Decisions(string executionId, int sequence) =>
        _catalog.Run(db => Approvals(db).Find(a => a.ExecutionId == executionId && a.Sequence == sequence).OrderBy(a => a.Time).ToList());

    /// <summary>Records a decision on the aws:approve step the execution waits at; checks the approver against the step's list.</summary>
    public AutomationApproval Decide(string executionId, ApprovalDecision decision, string? comment, Func<IReadOnlyList<string>, bool> isApprover) => _catalog.InTransaction(db =>
    {
        var e = Executions(db).FindById(executionId) ?? throw NotFound(executionId);
        var step = Steps(db).FindById(AutomationStepExecution.MakeId(executionId, e.CurrentSequence));
        if (e.IsFinished || step is null || step.Action is not ("aws:approve" or "nodeops:approve") || step.Status != AutomationStepStatus.Waiting)
            throw new NodeOpsException(ErrorIds.AutomationNotWaiting, ErrorCategory.InvalidOperation, executionId,
                $"Execution {executionId} is not waiting for an approval (status {e.Status}{(e.CurrentStep is null ? "" : ", step " + e.CurrentStep)}).");
        var user = ControllerIdentity.UserName;
        if (!isApprover(step.Approvers))
            throw new NodeOpsException(ErrorIds.NotAnApprover, ErrorCategory.PermissionDenied, executionId,
                $"'{user}' is not among the approvers of step '{step.StepName}' ({string.Join(", ", step.Approvers)}).");
        if (Approvals(db).Exists(a => a.ExecutionId == executionId && a.Sequence == step.Sequence && a.Approver == user))
            throw new NodeOpsException(ErrorIds.AlreadyDecided, ErrorCategory.InvalidOperation, executionId,
                $"'{user}' has already decided on step '{step.StepName}' of execution {executionId}.");
        var approval = new AutomationApproval
        {
            Id = $"{AutomationStepExecution.MakeId(executionId, step.Sequence)}/{user}",
            ExecutionId = executionId, Sequence = step.Sequence, StepName = step.StepName,
            Approver = user, Decision = decision, Comment = comment, Time = DateTime.UtcNow,
        };
        Approvals(db).Insert(approval);
        return approval;
    });

    private static void Fill(LiteDatabase db, AutomationExecution e)
    {
        e.Steps = Steps(db).Find(s => s.ExecutionId == e.ExecutionId).OrderBy(s => s.Sequence).ToList();
        e.Children = Executions(db).Find(c => c.ParentExecutionId == e.ExecutionId && c.TargetNodeId != null).OrderBy(c => c.TargetNodeId).ToList();
    }

    private static NodeOpsException NotFound(string id) =>
        new(ErrorIds.AutomationExecutionNotFound, ErrorCategory.ObjectNotFound, id, $"No automation execution with id '{id}' is in the catalog.");
}

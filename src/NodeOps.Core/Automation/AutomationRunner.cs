using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Automation;

/// <summary>
/// The runbook engine, and the entry point for anything that starts runbooks (the cmdlets, a scheduler):
/// <see cref="Start"/> validates and records an execution, <see cref="RunAsync"/> drives it until it ends or
/// must wait for a person, <see cref="ResumePending"/> lists executions whose process died so they can be
/// driven again. Every step transition is committed to the catalog before the next step starts; a step
/// found InProgress on resume may have half-run, so it is marked Interrupted and retried only if its
/// maxAttempts allows.
/// </summary>
public sealed class AutomationRunner
{
    /// <summary>Executions this process is driving now (another call here must not drive them twice).</summary>
    private static readonly ConcurrentDictionary<string, byte> Driving = new();
    private const int MaxNesting = 5;
    private static readonly TimeSpan CancelPoll = TimeSpan.FromMilliseconds(400);

    private readonly NodeCatalog _catalog;
    private readonly NodeSessionPool _pool;
    private readonly ConnectionSettings _settings;

    public AutomationRunner(NodeCatalog catalog, NodeSessionPool pool, ConnectionSettings settings)
    {
        _catalog = catalog;
        _pool = pool;
        _settings = settings;
    }

    public NodeCatalog Catalog => _catalog;

    /// <summary>Validates the runbook and parameters and records the execution (Pending); nothing runs yet.</summary>
    public AutomationExecution Start(AutomationRequest request)
    {
        var executions = Prepare(request);
        _catalog.Automation.Create(executions.Select(e => (e, (AutomationStepExecution?)null)));
        return executions[0];
    }

    /// <summary>
    /// Checks a runbook request as <see cref="Start"/> would, recording nothing (a window task or trigger is checked
    /// when it is registered); with a target parameter and no targets yet, a placeholder node id is bound.
    /// </summary>
    public void Validate(AutomationRequest request)
    {
        if (request.TargetParameterName is not null && request.Targets.Count == 0)
            request = new AutomationRequest
            {
                DocumentName = request.DocumentName, DocumentVersion = request.DocumentVersion, Parameters = request.Parameters,
                TargetParameterName = request.TargetParameterName, Targets = new[] { new ManagedNode { NodeId = "mi-validate", Name = "validate" } },
            };
        Prepare(request);
    }

    /// <summary>The execution (first) and, with rate control, its children, validated and bound.</summary>
    private List<AutomationExecution> Prepare(AutomationRequest request)
    {
        var (record, definition) = _catalog.Documents.Resolve(request.DocumentName, request.DocumentVersion);
        if (definition.DocumentType != DocumentType.Automation)
            throw new NodeOpsException(ErrorIds.DocumentTypeNotRunnable, ErrorCategory.InvalidOperation, record.Name,
                $"{record.Name} is a {definition.DocumentType} document; Start-NodeAutomation runs Automation (schemaVersion 0.3) documents.");
        var runbook = RunbookReader.Read(record.Name, record.Version, definition);
        var given = Plain(request.Parameters);
        var now = DateTime.UtcNow;
        AutomationExecution New(Dictionary<string, object?> parameters, string? parent, string? target) => new()
        {
            ExecutionId = parent is null && target is null && request.ExecutionId is { } fixedId ? fixedId : AutomationExecution.NewId(),
            DocumentName = record.Name,
            DocumentVersion = record.Version,
            Mode = request.Mode,
            Status = AutomationStatus.Pending,
            ParametersJson = JsonSerializer.Serialize(parameters),
            CurrentStep = runbook.Steps[0].Name,
            StartTime = now,
            ExecutedBy = ControllerIdentity.UserName,
            ParentExecutionId = parent,
            TargetNodeId = target,
            OwnerHost = request.OwnedByThisProcess ? ControllerIdentity.MachineName : null,
            OwnerProcessId = request.OwnedByThisProcess ? ControllerIdentity.ProcessId : 0,
            OwnerSince = request.OwnedByThisProcess ? now : null,
        };

        if (request.TargetParameterName is not { } targetParameter)
        {
            ParameterBinder.Bind(record.Name, runbook.Parameters, given);
            return new List<AutomationExecution> { New(given, request.ParentExecutionId, null) };
        }

        var declared = runbook.Parameters.FirstOrDefault(p => p.Name == targetParameter)
            ?? throw new NodeOpsException(ErrorIds.InvalidTargetParameter, ErrorCategory.InvalidArgument, targetParameter,
                $"-TargetParameterName '{targetParameter}' is not a parameter of {record.Name} (parameters: {string.Join(", ", runbook.Parameters.Select(p => p.Name))}).");
        if (declared.Type is not (DocumentParameterType.String or DocumentParameterType.StringList))
            throw new NodeOpsException(ErrorIds.InvalidTargetParameter, ErrorCategory.InvalidArgument, targetParameter,
                $"-TargetParameterName '{targetParameter}' is a {declared.Type} parameter; a target is a node id (String or StringList).");
        if (request.Targets.Count == 0)
            throw new NodeOpsException(ErrorIds.NoTargetsMatched, ErrorCategory.InvalidArgument, null, "Rate control needs targets: use -NodeId or -Tag.");
        var perTarget = request.Targets.Select(n =>
        {
            var p = new Dictionary<string, object?>(given) { [targetParameter] = n.NodeId };
            return (Node: n, Parameters: p);
        }).ToList();
        ParameterBinder.Bind(record.Name, runbook.Parameters, perTarget[0].Parameters);
        var parent = New(given, request.ParentExecutionId, null);
        parent.CurrentStep = null;
        parent.TargetParameterName = targetParameter;
        parent.TargetNodeIds = request.Targets.Select(n => n.NodeId).ToList();
        parent.MaxConcurrency = request.MaxConcurrency.ToString();
        parent.MaxErrors = request.MaxErrors.ToString();
        return perTarget.Select(t => New(t.Parameters, parent.ExecutionId, t.Node.NodeId)).Prepend(parent).ToList();
    }

    /// <summary>
    /// Executions to drive again: not ended, not owned by a live process, not children (their parent drives
    /// them), and not Interactive executions waiting for their next Invoke-NodeAutomationStep.
    /// </summary>
    public IReadOnlyList<string> ResumePending() =>
        _catalog.Automation.Query(new[] { AutomationStatus.Pending, AutomationStatus.InProgress, AutomationStatus.Waiting }, null, null, topLevelOnly: true, null)
            .Where(e => !IsRunningElsewhere(e) && !Driving.ContainsKey(e.ExecutionId))
            .Where(e => !(e.Mode == AutomationMode.Interactive && e.OwnerProcessId == 0))
            .Select(e => e.ExecutionId).ToList();

    /// <summary>Drives an execution until it ends or waits for Invoke-NodeAutomationStep; cancelling the token cancels the execution.</summary>
    public Task<AutomationExecution> RunAsync(string executionId, CancellationToken ct, Action<AutomationStepExecution>? onStep = null) =>
        DriveAsync(executionId, singleStep: false, null, onStep, ct);

    /// <summary>Interactive mode: runs the current step (or the named one) and stops.</summary>
    public Task<AutomationExecution> InvokeStepAsync(string executionId, string? stepName, CancellationToken ct) =>
        DriveAsync(executionId, singleStep: true, stepName, null, ct);

    /// <summary>Asks for an execution to stop; one no live process is running is cancelled here and now.</summary>
    public AutomationExecution RequestCancel(string executionId)
    {
        var by = ControllerIdentity.UserName;
        var e = _catalog.Automation.Change(executionId, x =>
        {
            if (x.IsFinished)
                throw new NodeOpsException(ErrorIds.AutomationExecutionFinished, ErrorCategory.InvalidOperation, executionId, $"Execution {executionId} has already ended ({x.Status}).");
            x.CancelRequested = true;
            x.CancelRequestedBy = by;
        });
        if (!IsRunningElsewhere(e) && !Driving.ContainsKey(executionId)) CancelNow(executionId, "Cancelled by " + by + ".");
        foreach (var child in _catalog.Automation.Query(null, null, executionId, false, null).Where(c => !c.IsFinished))
            RequestCancel(child.ExecutionId);
        return _catalog.Automation.Get(executionId);
    }

    /// <summary>Releases an execution held at aws:pause.</summary>
    public AutomationExecution RequestResume(string executionId) => _catalog.Automation.Change(executionId, x =>
    {
        if (x.IsFinished)
            throw new NodeOpsException(ErrorIds.AutomationExecutionFinished, ErrorCategory.InvalidOperation, executionId, $"Execution {executionId} has already ended ({x.Status}).");
        x.ResumeRequested = true;
    });

    /// <summary>Whether another live process (on this machine, or any process on another) is driving the execution.</summary>
    public static bool IsRunningElsewhere(AutomationExecution e)
    {
        if (e.OwnerProcessId == 0 || e.OwnerHost is null) return false;
        if (e.OwnerProcessId == ControllerIdentity.ProcessId && string.Equals(e.OwnerHost, ControllerIdentity.MachineName, StringComparison.OrdinalIgnoreCase))
            return Driving.ContainsKey(e.ExecutionId);
        return ControllerIdentity.IsLiveOwner(e.OwnerHost, e.OwnerProcessId, e.OwnerSince ?? e.StartTime);
    }

    private async Task<AutomationExecution> DriveAsync(string id, bool singleStep, string? stepName, Action<AutomationStepExecution>? onStep, CancellationToken ct)
    {
        var driving = false;
        try
        {
            // Claim first: the check that no one else drives it must not see this call as driving it already.
            var exe = _catalog.Automation.Claim(id, IsRunningElsewhere);
            if (!(driving = Driving.TryAdd(id, 0)))
                throw new NodeOpsException(ErrorIds.AutomationExecutionBusy, ErrorCategory.ResourceBusy, id, $"Execution {id} is already being run by this process.");
            if (singleStep && exe.Mode != AutomationMode.Interactive)
                throw new NodeOpsException(ErrorIds.AutomationNotWaiting, ErrorCategory.InvalidOperation, id,
                    $"Execution {id} runs in Auto mode; Invoke-NodeAutomationStep is for executions started with -Mode Interactive.");
            var runbook = Load(exe);
            if (exe.TargetParameterName is not null && exe.TargetNodeId is null) await RunChildrenAsync(exe, ct).ConfigureAwait(false);
            else await RunStepsAsync(exe, runbook, singleStep, stepName, onStep, ct).ConfigureAwait(false);
        }
        finally
        {
            if (driving) Driving.TryRemove(id, out _);
            if (driving) try
            {
                _catalog.Automation.Change(id, e =>
                {
                    if (e.OwnerProcessId != ControllerIdentity.ProcessId) return;
                    e.OwnerProcessId = 0;
                    e.OwnerHost = null;
                });
            }
            catch (NodeOpsException) { /* the catalog is unusable; a later resume sees a dead owner */ }
        }
        return _catalog.Automation.Get(id);
    }

    private Runbook Load(AutomationExecution exe)
    {
        var (record, definition) = _catalog.Documents.Resolve(exe.DocumentName, exe.DocumentVersion.ToString(CultureInfo.InvariantCulture));
        return RunbookReader.Read(record.Name, record.Version, definition);
    }

    private async Task RunStepsAsync(AutomationExecution exe, Runbook runbook, bool singleStep, string? stepName, Action<AutomationStepExecution>? onStep, CancellationToken ct)
    {
        var id = exe.ExecutionId;
        var bound = ParameterBinder.Bind(runbook.Name, runbook.Parameters, OutputSelector.Json(exe.ParametersJson) as IDictionary);
        using var stopRequested = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var watcher = WatchForStop(id, stopRequested);
        if (singleStep && stepName is not null)
        {
            if (runbook.Find(stepName) is null)
                throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.InvalidArgument, stepName, $"{runbook.Name} has no step '{stepName}'.");
            exe = _catalog.Automation.Change(id, e => e.CurrentStep = stepName);
        }
        var ranOne = false;
        while (true)
        {
            exe = _catalog.Automation.Get(id, withSteps: false);
            if (exe.IsFinished) return;
            if ((exe.CancelRequested || ct.IsCancellationRequested) && !exe.Cancelling)
            {
                if (!BeginCancel(exe, runbook)) return;
                continue;
            }
            if (exe.CurrentStep is null)
            {
                Finish(id);
                return;
            }
            if (exe.Mode == AutomationMode.Interactive && (!singleStep || ranOne))
            {
                _catalog.Automation.Change(id, e => e.Status = AutomationStatus.Waiting);
                return;
            }
            var step = runbook.Find(exe.CurrentStep)!;
            var record = _catalog.Automation.Step(id, exe.CurrentSequence) ?? NewRecord(exe, step);
            var token = exe.Cancelling ? ct : stopRequested.Token;
            var outcome = await RunStepAsync(exe, runbook, bound, step, record, token).ConfigureAwait(false);
            onStep?.Invoke(record);
            ranOne = true;
            if (outcome == AutomationStepStatus.Cancelled && !exe.Cancelling)
            {
                exe = _catalog.Automation.Get(id, withSteps: false);
                if (!BeginCancel(exe, runbook)) return;
            }
        }
    }

    private static AutomationStepExecution NewRecord(AutomationExecution exe, RunbookStep step) => new()
    {
        Id = AutomationStepExecution.MakeId(exe.ExecutionId, exe.CurrentSequence),
        ExecutionId = exe.ExecutionId,
        Sequence = exe.CurrentSequence,
        StepName = step.Name,
        Action = step.ActionName,
        Status = AutomationStepStatus.Pending,
        MaxAttempts = step.MaxAttempts,
    };

    /// <summary>Runs one step (with its retries) and commits where the runbook goes next; returns the step's final status.</summary>
    private async Task<AutomationStepStatus> RunStepAsync(AutomationExecution exe, Runbook runbook, IReadOnlyDictionary<string, object> bound,
        RunbookStep step, AutomationStepExecution record, CancellationToken ct)
    {
        var id = exe.ExecutionId;
        // A step left InProgress by a process that died may have half-run. Waits and nested runbooks are
        // durable themselves and simply continue; anything else is retried only while attempts remain.
        if (record.Status == AutomationStepStatus.InProgress && !Reenterable(step.Action))
        {
            record.Interrupted = true;
            if (record.Attempt >= step.MaxAttempts)
            {
                Fail(record, AutomationStepStatus.Failed, ErrorIds.StepInterrupted,
                    $"The process running step '{step.Name}' ended while it ran (attempt {record.Attempt} of {step.MaxAttempts}); it may have half-run and is not retried.");
                Advance(exe, runbook, step, record, null);
                return record.Status;
            }
        }

        while (true)
        {
            var secrets = new HashSet<string>(StringComparer.Ordinal);
            var resumingWait = record.Status is AutomationStepStatus.Waiting || record.Status == AutomationStepStatus.InProgress && Reenterable(step.Action);
            if (!resumingWait)
            {
                record.Attempt++;
                record.ErrorId = null;
                record.FailureMessage = null;
            }
            record.Status = record.Status == AutomationStepStatus.Waiting ? AutomationStepStatus.Waiting : AutomationStepStatus.InProgress;
            record.StartTime ??= DateTime.UtcNow;
            record.EndTime = null;
            Dictionary<string, object?> inputs;
            try
            {
                inputs = Resolve(exe, runbook, bound, step.Inputs, secrets);
                record.Inputs = inputs.ToDictionary(i => i.Key, i => SecretMask.Apply(Display(i.Value), secrets.ToList()));
            }
            catch (NodeOpsException ex)
            {
                Fail(record, AutomationStepStatus.Failed, ex.ErrorId, $"Step '{step.Name}': {ex.Message}");
                Advance(exe, runbook, step, record, null);
                return record.Status;
            }
            _catalog.Automation.Change(id, e => { e.Status = record.Status == AutomationStepStatus.Waiting ? AutomationStatus.Waiting : AutomationStatus.InProgress; e.CurrentStep = step.Name; }, record);

            var context = new AutomationStepContext
            {
                Runner = this, Catalog = _catalog, Pool = _pool, Settings = _settings, ExecutionId = id, Step = step,
                Record = record, Inputs = inputs, Secrets = secrets.ToList(),
            };
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (TimeoutOf(step) is { } timeout) limit.CancelAfter(timeout);
            object? result = null;
            string? chosen = null;
            try
            {
                result = await RunActionAsync(context, limit.Token).ConfigureAwait(false);
                if (step.Branch is { } branch)
                {
                    var values = Values(exe, runbook, bound);
                    var interpolator = new Interpolator(runbook.Name, values, _catalog.Parameters, secrets);
                    chosen = branch.Choose(node => interpolator.Resolve(node))
                        ?? throw new StepFailedException(ErrorIds.StepFailed, $"Step '{step.Name}': no choice matched and there is no Default.");
                    result = new Dictionary<string, object?> { ["NextStep"] = chosen };
                }
                var published = Publish(step, result, secrets);
                record.OutputsJson = AutomationStepExecution.ToJson(published);
                record.Status = AutomationStepStatus.Success;
                record.EndTime = DateTime.UtcNow;
                Advance(exe, runbook, step, record, chosen, published);
                return record.Status;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && limit.IsCancellationRequested)
            {
                Fail(record, AutomationStepStatus.TimedOut, ErrorIds.StepTimedOut, $"Step '{step.Name}' did not finish within {TimeoutOf(step)!.Value.TotalSeconds:0} s.");
            }
            catch (OperationCanceledException)
            {
                Fail(record, AutomationStepStatus.Cancelled, ErrorIds.Cancelled, $"Step '{step.Name}' was cancelled.");
                _catalog.Automation.Change(id, _ => { }, record);
                return record.Status;
            }
            catch (StepFailedException) when (ct.IsCancellationRequested)
            {
                Fail(record, AutomationStepStatus.Cancelled, ErrorIds.Cancelled, $"Step '{step.Name}' was cancelled.");
                _catalog.Automation.Change(id, _ => { }, record);
                return record.Status;
            }
            catch (StepFailedException ex)
            {
                Fail(record, ex.Status, ex.ErrorId, SecretMask.Apply(ex.Message, secrets.ToList()));
                if (ex.Result is not null) record.OutputsJson = JsonSerializer.Serialize(Masked(ex.Result, secrets.ToList()));
            }
            catch (NodeOpsException ex)
            {
                Fail(record, AutomationStepStatus.Failed, ex.ErrorId, SecretMask.Apply($"Step '{step.Name}': {ex.Message}", secrets.ToList()));
            }
            if (record.Attempt < step.MaxAttempts && record.ErrorId != ErrorIds.ApprovalDenied)
            {
                record.WakeAt = null;
                record.ChildExecutionId = null;
                record.CommandId = null;
                record.Phase = null;
                _catalog.Automation.Change(id, _ => { }, record);
                continue;
            }
            Advance(exe, runbook, step, record, null);
            return record.Status;
        }
    }

    private static bool Reenterable(RunbookAction action) =>
        action is RunbookAction.Sleep or RunbookAction.Approve or RunbookAction.Pause or RunbookAction.InvokeRunbook or RunbookAction.Branch
            or RunbookAction.RestartNode or RunbookAction.WaitForNodeState;

    private static TimeSpan? TimeoutOf(RunbookStep step) => step.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : step.Action switch
    {
        RunbookAction.Approve => WaitSteps.DefaultApprovalTimeout,
        RunbookAction.WaitForNodeState or RunbookAction.RestartNode => TimeSpan.FromSeconds(WaitForNodeStateStep.DefaultTimeoutSeconds),
        _ => null,
    };

    private Task<object?> RunActionAsync(AutomationStepContext ctx, CancellationToken ct) => ctx.Step.Action switch
    {
        RunbookAction.RunCommand => RunCommandStep.RunAsync(ctx, ct),
        RunbookAction.ExecuteScript => ExecuteScriptStep.RunAsync(ctx, ct),
        RunbookAction.Sleep => WaitSteps.SleepAsync(ctx, ct),
        RunbookAction.Approve => WaitSteps.ApproveAsync(ctx, ct),
        RunbookAction.Pause => WaitSteps.PauseAsync(ctx, ct),
        RunbookAction.WaitForNodeState => WaitForNodeStateStep.RunAsync(ctx, ct),
        RunbookAction.InvokeRunbook => InvokeRunbookAsync(ctx, ct),
        RunbookAction.RestartNode => RestartNodeStep.RunAsync(ctx, ct),
        _ => Task.FromResult<object?>(null),
    };

    /// <summary>nodeops:invokeRunbook: a nested execution, started once (its id kept on the step) and driven here.</summary>
    private async Task<object?> InvokeRunbookAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        if (ctx.Record.ChildExecutionId is null)
        {
            var depth = 0;
            for (var p = _catalog.Automation.Get(ctx.ExecutionId, false); p.ParentExecutionId is { } parent; p = _catalog.Automation.Get(parent, false)) depth++;
            if (depth + 1 >= MaxNesting)
                throw new StepFailedException(ErrorIds.DocumentNestingInvalid, $"Step '{ctx.Step.Name}': runbooks nest at most {MaxNesting} levels.");
            var parameters = ctx.Inputs.ContainsKey("RuntimeParameters") ? ctx.Map("RuntimeParameters") : ctx.Map("Parameters");
            var child = Start(new AutomationRequest
            {
                DocumentName = ctx.Text("DocumentName")!, DocumentVersion = ctx.Text("DocumentVersion"),
                Parameters = parameters, ParentExecutionId = ctx.ExecutionId,
            });
            ctx.Record.ChildExecutionId = child.ExecutionId;
            ctx.Save();
        }
        var childId = ctx.Record.ChildExecutionId;
        var final = _catalog.Automation.Get(childId, withSteps: false);
        if (!final.IsFinished) final = await DriveAsync(childId, false, null, null, ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var output = new Dictionary<string, object?>
        {
            ["ExecutionId"] = childId, ["Status"] = final.Status.ToString(), ["Output"] = final.Outputs.ToDictionary(o => o.Key, o => o.Value),
        };
        if (final.Status != AutomationStatus.Success)
            throw new StepFailedException(ErrorIds.StepFailed, $"Step '{ctx.Step.Name}': runbook {final.DocumentName} (execution {childId}) ended {final.Status}: {final.FailureMessage}") { Result = output };
        return output;
    }

    /// <summary>The declared outputs picked from the step's result, plus the ones its action always publishes.</summary>
    private static Dictionary<string, object?> Publish(RunbookStep step, object? result, HashSet<string> secrets)
    {
        var published = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (result is Dictionary<string, object?> map)
            foreach (var name in RunbookActions.BuiltInOutputs(step.Action))
                if (map.TryGetValue(name, out var v)) published[name] = v;
        if (step.Action == RunbookAction.ExecuteScript) published["OutputPayload"] = JsonSerializer.Serialize(new Dictionary<string, object?> { ["Payload"] = result });
        foreach (var output in step.Outputs)
        {
            var (found, value) = OutputSelector.Select(result, output.Selector);
            // SSM's executeScript outputs select from {"Payload": result}.
            if (!found && output.Selector.StartsWith("$.Payload", StringComparison.Ordinal))
                (found, value) = OutputSelector.Select(new Dictionary<string, object?> { ["Payload"] = result }, output.Selector);
            if (!found)
                throw new StepFailedException(ErrorIds.StepOutputInvalid, $"Step '{step.Name}': output '{output.Name}': {output.Selector} found nothing in the step's output.") { Result = result };
            var (typed, error) = OutputSelector.Convert(value, output.Type);
            if (error is not null)
                throw new StepFailedException(ErrorIds.StepOutputInvalid, $"Step '{step.Name}': output '{output.Name}' {error}.") { Result = result };
            published[output.Name] = typed;
        }
        if (secrets.Count > 0)
            foreach (var key in published.Keys.ToList()) published[key] = Masked(published[key], secrets.ToList());
        return published;
    }

    /// <summary>A value with every secret's text replaced by ****, however deep in lists and maps it sits.</summary>
    internal static object? Masked(object? value, IReadOnlyList<string> secrets) => value switch
    {
        string s => SecretMask.Apply(s, secrets),
        Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Masked(e.Value, secrets)),
        List<object?> list => list.Select(v => Masked(v, secrets)).ToList(),
        List<string> list => list.Select(v => SecretMask.Apply(v, secrets)).ToList(),
        _ => value,
    };

    /// <summary>Commits the step's end and where the execution goes next, in one transaction.</summary>
    private void Advance(AutomationExecution exe, Runbook runbook, RunbookStep step, AutomationStepExecution record, string? chosen,
        Dictionary<string, object?>? published = null)
    {
        var succeeded = record.Status == AutomationStepStatus.Success;
        string? next;
        var abort = false;
        if (succeeded) next = chosen ?? (step.IsEnd ? null : step.NextStep ?? runbook.After(step)?.Name);
        else
        {
            switch (step.OnFailure.Kind)
            {
                case StepTransitionKind.Continue: next = step.IsEnd ? null : step.NextStep ?? runbook.After(step)?.Name; break;
                case StepTransitionKind.Step: next = step.OnFailure.StepName; break;
                default: next = null; abort = true; break;
            }
        }
        record.NextStep = next;
        _catalog.Automation.Change(exe.ExecutionId, e =>
        {
            if (published is not null && published.Count > 0)
            {
                var all = AutomationExecution.OutputsOf(e.OutputsJson).ToDictionary(o => o.Key, o => o.Value);
                foreach (var (k, v) in published) all[$"{step.Name}.{k}"] = v;
                e.OutputsJson = JsonSerializer.Serialize(all);
            }
            if (!succeeded && step.IsCritical)
            {
                e.CriticalFailure = true;
                e.FailedStep = step.Name;
                e.FailureMessage = record.FailureMessage;
            }
            e.CurrentSequence++;
            e.CurrentStep = next;
            if (abort || next is null)
            {
                e.Status = abort
                    ? record.Status is AutomationStepStatus.TimedOut ? AutomationStatus.TimedOut : AutomationStatus.Failed
                    : e.Cancelling ? AutomationStatus.Cancelled : e.CriticalFailure ? AutomationStatus.Failed : AutomationStatus.Success;
                if (e.Cancelling && abort) e.Status = AutomationStatus.Cancelled;
                e.EndTime = DateTime.UtcNow;
            }
            else if (e.Status == AutomationStatus.Waiting) e.Status = AutomationStatus.InProgress;
        }, record);
    }

    /// <summary>Stops the execution: the step that was running is Cancelled; with onCancel step:X the runbook goes on at X and ends Cancelled.</summary>
    private bool BeginCancel(AutomationExecution exe, Runbook runbook)
    {
        var step = exe.CurrentStep is null ? null : runbook.Find(exe.CurrentStep);
        var record = _catalog.Automation.Step(exe.ExecutionId, exe.CurrentSequence);
        if (record is not null && record.Status is AutomationStepStatus.Pending or AutomationStepStatus.InProgress or AutomationStepStatus.Waiting)
            Fail(record, AutomationStepStatus.Cancelled, ErrorIds.Cancelled, $"Step '{record.StepName}' was cancelled.");
        var handler = step?.OnCancel is { Kind: StepTransitionKind.Step } t ? t.StepName : null;
        var by = exe.CancelRequestedBy is null ? "Cancelled." : $"Cancelled by {exe.CancelRequestedBy}.";
        _catalog.Automation.Change(exe.ExecutionId, e =>
        {
            e.Cancelling = true;
            if (handler is not null)
            {
                if (record is not null && record.Status == AutomationStepStatus.Cancelled) e.CurrentSequence++;
                e.CurrentStep = handler;
                e.Status = AutomationStatus.InProgress;
                return;
            }
            e.Status = AutomationStatus.Cancelled;
            e.FailureMessage ??= by;
            e.EndTime = DateTime.UtcNow;
        }, record);
        return handler is not null;
    }

    private void CancelNow(string id, string message)
    {
        var exe = _catalog.Automation.Get(id, withSteps: false);
        var record = _catalog.Automation.Step(id, exe.CurrentSequence);
        if (record is not null && record.Status is AutomationStepStatus.Pending or AutomationStepStatus.InProgress or AutomationStepStatus.Waiting)
            Fail(record, AutomationStepStatus.Cancelled, ErrorIds.Cancelled, $"Step '{record.StepName}' was cancelled.");
        _catalog.Automation.Change(id, e =>
        {
            e.Status = AutomationStatus.Cancelled;
            e.Cancelling = true;
            e.FailureMessage ??= message;
            e.EndTime = DateTime.UtcNow;
        }, record);
    }

    private static void Fail(AutomationStepExecution record, AutomationStepStatus status, string errorId, string message)
    {
        record.Status = status;
        record.ErrorId = errorId;
        record.FailureMessage = message;
        record.EndTime = DateTime.UtcNow;
    }

    /// <summary>Rate control: one child execution per target, through the fan-out engine's MaxConcurrency/MaxErrors.</summary>
    private async Task RunChildrenAsync(AutomationExecution parent, CancellationToken ct)
    {
        var id = parent.ExecutionId;
        _catalog.Automation.Change(id, e => e.Status = AutomationStatus.InProgress);
        using var stopRequested = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var watcher = WatchForStop(id, stopRequested);
        var children = _catalog.Automation.Query(null, null, id, false, null).Where(c => c.TargetNodeId is not null).ToList();
        var total = children.Count;
        var concurrency = RateLimit.ParseConcurrency(parent.MaxConcurrency ?? "10").ConcurrencyFor(total);
        var allowedErrors = RateLimit.ParseErrors(parent.MaxErrors ?? "0").ErrorsFor(total);
        var failedBefore = children.Count(c => c.IsFinished && c.Status != AutomationStatus.Success);
        var open = children.Where(c => !c.IsFinished).ToList();
        var byNode = open.ToDictionary(c => c.TargetNodeId!, c => c.ExecutionId, StringComparer.OrdinalIgnoreCase);
        var nodes = open.Select(c => _catalog.Nodes.Find(c.TargetNodeId!) ?? new ManagedNode { NodeId = c.TargetNodeId!, Name = c.TargetNodeId! }).ToList();
        if (failedBefore <= allowedErrors && nodes.Count > 0)
        {
            await FanOutEngine.RunAsync(nodes, concurrency, allowedErrors - failedBefore,
                (node, token) => RunChildAsync(byNode[node.NodeId], token),
                (node, reason) =>
                {
                    CancelNow(byNode[node.NodeId], reason == SkipReason.Cancelled ? "Cancelled before it started." : $"Not started: more than MaxErrors ({parent.MaxErrors}) targets had failed.");
                    return AutomationStatus.Cancelled;
                },
                status => status != AutomationStatus.Success,
                _ => { }, null, stopRequested.Token).ConfigureAwait(false);
        }
        else
        {
            foreach (var c in open) CancelNow(c.ExecutionId, $"Not started: more than MaxErrors ({parent.MaxErrors}) targets had failed.");
        }
        var final = _catalog.Automation.Query(null, null, id, false, null);
        var cancelled = stopRequested.IsCancellationRequested;
        _catalog.Automation.Change(id, e =>
        {
            var failed = final.Where(c => c.Status != AutomationStatus.Success).ToList();
            e.Status = cancelled ? AutomationStatus.Cancelled : failed.Count == 0 ? AutomationStatus.Success : AutomationStatus.Failed;
            if (failed.Count > 0) e.FailureMessage = $"{failed.Count} of {final.Count} target(s) did not succeed: " + string.Join(", ", failed.Take(5).Select(c => $"{c.TargetNodeId} ({c.Status})"));
            e.EndTime = DateTime.UtcNow;
        });
    }

    private async Task<AutomationStatus> RunChildAsync(string childId, CancellationToken ct)
    {
        try
        {
            return (await DriveAsync(childId, false, null, null, ct).ConfigureAwait(false)).Status;
        }
        catch (NodeOpsException ex)
        {
            _catalog.Automation.Change(childId, e =>
            {
                e.Status = AutomationStatus.Failed;
                e.FailureMessage = ex.Message;
                e.EndTime = DateTime.UtcNow;
            });
            return AutomationStatus.Failed;
        }
    }

    /// <summary>Polls the catalog for Stop-NodeAutomation from any process and cancels the token when it comes.</summary>
    private IDisposable WatchForStop(string id, CancellationTokenSource target)
    {
        var done = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                while (!done.IsCancellationRequested && !target.IsCancellationRequested)
                {
                    await Task.Delay(CancelPoll, done.Token).ConfigureAwait(false);
                    var e = _catalog.Automation.Get(id, withSteps: false);
                    if (e.CancelRequested && !e.Cancelling) target.Cancel();
                }
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
            catch (NodeOpsException) { }
        });
        return new StopWatcher(done);
    }

    private sealed class StopWatcher(CancellationTokenSource done) : IDisposable
    {
        public void Dispose()
        {
            done.Cancel();
            done.Dispose();
        }
    }

    private void Finish(string id) => _catalog.Automation.Change(id, e =>
    {
        e.Status = e.Cancelling ? AutomationStatus.Cancelled : e.CriticalFailure ? AutomationStatus.Failed : AutomationStatus.Success;
        e.EndTime = DateTime.UtcNow;
    });

    private Dictionary<string, object?> Resolve(AutomationExecution exe, Runbook runbook, IReadOnlyDictionary<string, object> bound, DocMap inputs, HashSet<string> secrets)
    {
        var interpolator = new Interpolator(runbook.Name, Values(exe, runbook, bound), _catalog.Parameters, secrets);
        return inputs.Entries.ToDictionary(e => e.Key.Value, e => Typed(e.Value, interpolator));
    }

    /// <summary>Like the interpolator, but unquoted literals such as 3 or true keep their YAML/JSON type (a script's InputPayload sees numbers).</summary>
    private static object? Typed(DocNode node, Interpolator interpolator) => node switch
    {
        DocScalar { Quoted: false, IsNull: false } s when !s.Value.Contains("{{", StringComparison.Ordinal) => Literal(s.Value),
        DocMap m => m.Entries.ToDictionary(e => e.Key.Value, e => Typed(e.Value, interpolator)),
        DocList l => l.Items.SelectMany(i => i is DocScalar s && TemplateText.WholeReference(s.Value) is not null && interpolator.Resolve(s) is List<string> spliced
            ? spliced.Cast<object?>() : new[] { Typed(i, interpolator) }).ToList(),
        _ => interpolator.Resolve(node),
    };

    private static object Literal(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : text is "true" or "True" ? true : text is "false" or "False" ? false
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Contains('.') ? d : text;

    /// <summary>Everything a {{ }} can name: parameters, earlier steps' outputs (typed as declared), and the global and automation variables.</summary>
    private Dictionary<string, object> Values(AutomationExecution exe, Runbook runbook, IReadOnlyDictionary<string, object> bound)
    {
        var values = new Dictionary<string, object>(bound, StringComparer.Ordinal);
        var now = DateTime.UtcNow;
        values["global:DATE"] = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values["global:DATE_TIME"] = now.ToString("yyyy-MM-dd_HH.mm.ss", CultureInfo.InvariantCulture);
        values["automation:EXECUTION_ID"] = exe.ExecutionId;
        values["automation:DOCUMENT_NAME"] = exe.DocumentName;
        var current = _catalog.Automation.Get(exe.ExecutionId, withSteps: false);
        foreach (var (key, value) in current.Outputs)
        {
            var dot = key.IndexOf('.');
            var declared = runbook.Find(key[..dot])?.Outputs.FirstOrDefault(o => o.Name == key[(dot + 1)..]);
            var typed = declared is null ? value : OutputSelector.Convert(value, declared.Type).Value ?? value;
            values[key] = typed ?? "";
        }
        return values;
    }

    private static string Display(object? value) => value switch
    {
        null => "",
        string s => s,
        IDictionary or IList => JsonSerializer.Serialize(value),
        _ => ParameterValues.Text(value),
    };

    private static Dictionary<string, object?> Plain(IDictionary? parameters)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (parameters is null) return result;
        foreach (DictionaryEntry e in parameters) result[ParameterValues.Text(e.Key)] = PlainValues.From(e.Value);
        return result;
    }
}

using System.Text.Json;
using LiteDB;
using NodeOps.Core.Automation;

namespace NodeOps.Core.Models;

/// <summary>SSM's automation execution statuses.</summary>
public enum AutomationStatus { Pending, InProgress, Waiting, Success, Failed, TimedOut, Cancelled }

/// <summary>Auto runs every step; Interactive runs one step per Invoke-NodeAutomationStep.</summary>
public enum AutomationMode { Auto, Interactive }

/// <summary>
/// One run of a runbook, as kept in the catalog. The runner commits every step transition here before
/// the next step starts, so another process can resume it from where it stopped.
/// </summary>
public sealed class AutomationExecution
{
    [BsonId] public string ExecutionId { get; set; } = "";
    public string DocumentName { get; set; } = "";
    public int DocumentVersion { get; set; }
    public AutomationMode Mode { get; set; }
    public AutomationStatus Status { get; set; }
    /// <summary>Parameters as given (JSON), bound again on resume; they hold references, never resolved secrets.</summary>
    public string ParametersJson { get; set; } = "{}";
    /// <summary>The step to run next (or running, or waiting), and the sequence number its record has.</summary>
    public string? CurrentStep { get; set; }
    public int CurrentSequence { get; set; }
    /// <summary>Every step output so far ("step.Output" → value), JSON.</summary>
    public string OutputsJson { get; set; } = "{}";
    /// <summary>A critical step failed; the execution ends Failed even if the runbook went on.</summary>
    public bool CriticalFailure { get; set; }
    public string? FailedStep { get; set; }
    public string? FailureMessage { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public string ExecutedBy { get; set; } = "";
    /// <summary>The process driving the execution now; a dead owner means Resume-NodeAutomation may take it over.</summary>
    public string? OwnerHost { get; set; }
    public int OwnerProcessId { get; set; }
    public DateTime? OwnerSince { get; set; }
    public bool CancelRequested { get; set; }
    public string? CancelRequestedBy { get; set; }
    /// <summary>Set by Resume-NodeAutomation for an execution held at aws:pause.</summary>
    public bool ResumeRequested { get; set; }
    /// <summary>The execution is being stopped; steps run now are its onCancel handling.</summary>
    public bool Cancelling { get; set; }
    public string? ParentExecutionId { get; set; }
    /// <summary>Rate control: the parameter each child gets its target in, the targets, and the limits.</summary>
    public string? TargetParameterName { get; set; }
    public List<string> TargetNodeIds { get; set; } = new();
    public string? MaxConcurrency { get; set; }
    public string? MaxErrors { get; set; }
    /// <summary>For a child of a rate-controlled execution: the node it runs for.</summary>
    public string? TargetNodeId { get; set; }

    [BsonIgnore] public List<AutomationStepExecution> Steps { get; set; } = new();
    [BsonIgnore] public List<AutomationExecution> Children { get; set; } = new();
    [BsonIgnore] public IReadOnlyDictionary<string, object?> Outputs => OutputsOf(OutputsJson);
    [BsonIgnore] public TimeSpan? Duration => EndTime is { } e ? e - StartTime : null;
    [BsonIgnore] public bool IsFinished => IsFinal(Status);

    public static bool IsFinal(AutomationStatus s) => s is AutomationStatus.Success or AutomationStatus.Failed or AutomationStatus.TimedOut or AutomationStatus.Cancelled;

    internal static IReadOnlyDictionary<string, object?> OutputsOf(string json) =>
        OutputSelector.Json(json) as Dictionary<string, object?> ?? new Dictionary<string, object?>();

    public static string NewId() => Guid.NewGuid().ToString();
    public override string ToString() => ExecutionId;
}

public enum AutomationStepStatus { Pending, InProgress, Waiting, Success, Failed, TimedOut, Cancelled, Skipped }

/// <summary>One step run of an execution: its inputs (secrets masked), outputs, attempts and timings.</summary>
public sealed class AutomationStepExecution
{
    /// <summary>"executionId/0003": the execution and the step's place in the order the steps ran.</summary>
    [BsonId] public string Id { get; set; } = "";
    public string ExecutionId { get; set; } = "";
    public int Sequence { get; set; }
    public string StepName { get; set; } = "";
    public string Action { get; set; } = "";
    public AutomationStepStatus Status { get; set; }
    public int Attempt { get; set; }
    public int MaxAttempts { get; set; } = 1;
    /// <summary>The process running this step ended while it ran: it may have half-run.</summary>
    public bool Interrupted { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public Dictionary<string, string> Inputs { get; set; } = new();
    public string OutputsJson { get; set; } = "{}";
    public string? ErrorId { get; set; }
    public string? FailureMessage { get; set; }
    /// <summary>aws:sleep: when it ends (kept so a resumed sleep waits only what is left).</summary>
    public DateTime? WakeAt { get; set; }
    /// <summary>aws:approve: who may decide, how many approvals are needed, and what they are asked.</summary>
    public List<string> Approvers { get; set; } = new();
    public int MinRequiredApprovals { get; set; }
    public string? Message { get; set; }
    /// <summary>aws:runCommand: the Run Command it started; nodeops:invokeRunbook: the nested execution.</summary>
    public string? CommandId { get; set; }
    public string? ChildExecutionId { get; set; }
    /// <summary>nodeops:restartNode: how far the restart has got (sent, offline), so a resumed step does not send it again.</summary>
    public string? Phase { get; set; }
    /// <summary>Where the runbook went next (aws:branch's choice, nextStep, onFailure).</summary>
    public string? NextStep { get; set; }

    [BsonIgnore] public IReadOnlyDictionary<string, object?> Outputs => AutomationExecution.OutputsOf(OutputsJson);
    [BsonIgnore] public TimeSpan? Duration => EndTime is { } e && StartTime is { } s ? e - s : null;

    public static string MakeId(string executionId, int sequence) => $"{executionId}/{sequence:D4}";
    public override string ToString() => $"{StepName} ({Status})";

    internal static string ToJson(IReadOnlyDictionary<string, object?> values) => System.Text.Json.JsonSerializer.Serialize(values);
}

public enum ApprovalDecision { Approved, Denied }

/// <summary>An Approve-NodeAutomation or Deny-NodeAutomation decision on a waiting aws:approve step, from any process.</summary>
public sealed class AutomationApproval
{
    [BsonId] public string Id { get; set; } = "";
    public string ExecutionId { get; set; } = "";
    public int Sequence { get; set; }
    public string StepName { get; set; } = "";
    public string Approver { get; set; } = "";
    public ApprovalDecision Decision { get; set; }
    public string? Comment { get; set; }
    public DateTime Time { get; set; }

    public override string ToString() => $"{Approver}: {Decision}";
}

using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>
/// One run of a window for one scheduled occurrence. Its id is made from the window and the occurrence, so the
/// record is also the claim: two schedulers on one catalog can never both create it. The owner fields and the
/// heartbeat form the lease another scheduler checks before taking over an execution whose owner died.
/// </summary>
public sealed class MaintenanceWindowExecution
{
    [BsonId] public string ExecutionId { get; set; } = "";
    public string WindowId { get; set; } = "";
    public string WindowName { get; set; } = "";
    /// <summary>The scheduled instant this execution belongs to (UTC).</summary>
    public DateTime Occurrence { get; set; }
    /// <summary>When the window closes for this execution; no task starts after CutoffTime.</summary>
    public DateTime WindowEnd { get; set; }
    public DateTime CutoffTime { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public WindowExecutionStatus Status { get; set; }
    public string? StatusDetails { get; set; }
    public bool Late { get; set; }
    public bool IgnoredChangeCalendar { get; set; }
    public List<WindowTaskExecution> Tasks { get; set; } = new();
    public string OwnerHost { get; set; } = "";
    public int OwnerProcessId { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>Times a scheduler took this execution over after its owner died.</summary>
    public List<DateTime> ResumedAt { get; set; } = new();

    public static string MakeId(string windowId, DateTime occurrenceUtc) => $"{windowId}@{occurrenceUtc:yyyyMMdd'T'HHmmss'Z'}";

    [BsonIgnore] public bool IsOpen => Status is WindowExecutionStatus.Pending or WindowExecutionStatus.InProgress;

    public override string ToString() => ExecutionId;
}

public enum WindowExecutionStatus { Pending, InProgress, Success, Failed, TimedOut, Cancelled, Skipped, Interrupted }

/// <summary>One task within a window execution; its per-node results are the invocations of its Run Command.</summary>
public sealed class WindowTaskExecution
{
    public string WindowTaskId { get; set; } = "";
    public string? TaskName { get; set; }
    public int Priority { get; set; }
    public WindowTaskStatus Status { get; set; }
    public string? StatusDetails { get; set; }
    public string? CommandId { get; set; }
    /// <summary>An Automation task's execution (Get-NodeAutomationExecution -ExecutionId) and its final status.</summary>
    public string? AutomationExecutionId { get; set; }
    public string? AutomationStatus { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public int TargetCount { get; set; }
    public int ErrorCount { get; set; }

    /// <summary>Per-node results, filled by Get-MaintenanceWindowExecution -Detail.</summary>
    [BsonIgnore] public IReadOnlyList<NodeCommandInvocation> Invocations { get; set; } = Array.Empty<NodeCommandInvocation>();

    public override string ToString() => $"{TaskName ?? WindowTaskId}: {Status}";
}

public enum WindowTaskStatus { Pending, InProgress, Success, Failed, TimedOut, Cancelled, NotStarted, Interrupted }

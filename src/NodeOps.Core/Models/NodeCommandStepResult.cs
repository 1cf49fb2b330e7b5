using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>The result of one document step on one node.</summary>
public sealed class NodeCommandStepResult
{
    public string Name { get; set; } = "";
    public string Action { get; set; } = "";
    public StepStatus Status { get; set; }
    public int? ExitCode { get; set; }
    public string? StatusDetails { get; set; }
    public string? ErrorId { get; set; }
    public string StandardOutput { get; set; } = "";
    public string StandardError { get; set; } = "";
    public long StandardOutputLength { get; set; }
    public long StandardErrorLength { get; set; }
    public bool OutputTruncated { get; set; }
    /// <summary>The step exited 3010 or 194 (SSM's "reboot requested" conventions); NodeOps records it and does not reboot.</summary>
    public bool RebootRequested { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }

    [BsonIgnore] public TimeSpan? Duration => StartTime is { } s && EndTime is { } e ? e - s : null;
    [BsonIgnore] public bool IsError => Status is StepStatus.Failed or StepStatus.TimedOut;

    public override string ToString() => Name;
}

/// <summary>Skipped: a precondition did not hold. NotRun: an earlier step ended the document (or asked for a reboot).</summary>
public enum StepStatus { Pending, Success, Failed, TimedOut, Skipped, NotRun, Cancelled }

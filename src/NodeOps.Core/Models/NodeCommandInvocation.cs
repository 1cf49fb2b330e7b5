using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>The run of one command on one node: status, exit code and the whole output.</summary>
public sealed class NodeCommandInvocation
{
    [BsonId] public string InvocationId { get; set; } = "";
    public string CommandId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public InvocationStatus Status { get; set; }
    /// <summary>Why the status is what it is: the failure kind for Undeliverable, the limit hit for NotStarted.</summary>
    public string? StatusDetails { get; set; }
    public string? ErrorId { get; set; }
    public int? ExitCode { get; set; }
    public string StandardOutput { get; set; } = "";
    public string StandardError { get; set; } = "";
    /// <summary>True when this object holds only the inline head of the output; -Detail loads the rest.</summary>
    public bool OutputTruncated { get; set; }
    public long StandardOutputLength { get; set; }
    public long StandardErrorLength { get; set; }
    /// <summary>Per-step results (ad-hoc commands are one step, named like SSM's: runShellScript or runPowerShellScript).</summary>
    public List<NodeCommandStepResult> Steps { get; set; } = new();
    /// <summary>A step exited with SSM's reboot codes (3010, 194); NodeOps records it and does not reboot.</summary>
    public bool RebootRequested { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }

    [BsonIgnore] public TimeSpan? Duration => StartTime is { } s && EndTime is { } e ? e - s : null;
    /// <summary>Objects the node returned (in memory only, for piping; the catalog keeps the text).</summary>
    [BsonIgnore] public object[] Output { get; set; } = Array.Empty<object>();

    [BsonIgnore] public bool IsError => Status is InvocationStatus.Failed or InvocationStatus.TimedOut or InvocationStatus.Undeliverable;

    public static string MakeId(string commandId, string nodeId) => commandId + "/" + nodeId;
    public override string ToString() => InvocationId;
}

public enum InvocationStatus { Pending, InProgress, Success, Failed, TimedOut, Cancelled, Undeliverable, NotStarted, Interrupted }

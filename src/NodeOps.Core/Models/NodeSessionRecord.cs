using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>One Session Manager session: who entered which node, when, why, how it ended, and its transcript.</summary>
public sealed class NodeSessionRecord
{
    [BsonId] public string SessionId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public NodeSessionKind Kind { get; set; }
    public NodeSessionStatus Status { get; set; }
    public string User { get; set; } = "";
    public string Machine { get; set; } = "";
    public int ProcessId { get; set; }
    public string? Reason { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    /// <summary>How it ended: "exit", "Ctrl+C", "stopped by …", "idle timeout", the error…</summary>
    public string? ExitDetails { get; set; }
    public int? LocalPort { get; set; }
    public int? RemotePort { get; set; }
    public string? RemoteHost { get; set; }
    /// <summary>Set by Stop-NodeSession from any process; the session's own process ends it.</summary>
    public bool StopRequested { get; set; }
    public string? StopRequestedBy { get; set; }
    public long TranscriptLength { get; set; }
    /// <summary>Where the transcript is when preferences name a folder (otherwise it is compressed in the catalog).</summary>
    public string? TranscriptFile { get; set; }

    [BsonIgnore] public TimeSpan? Duration => EndTime is { } e ? e - StartTime : null;

    public static string NewId() => "s-" + Guid.NewGuid().ToString("N")[..16];
    public override string ToString() => SessionId;
}

public enum NodeSessionKind { Interactive, Command, PortForward }

public enum NodeSessionStatus { Active, Ended, Failed, Terminated, Denied, Interrupted }

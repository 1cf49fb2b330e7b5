using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>One Run Command request fanned out to many nodes.</summary>
public sealed class NodeCommand
{
    [BsonId] public string CommandId { get; set; } = "";
    public CommandKind Kind { get; set; }
    public string CommandText { get; set; } = "";
    public string? DocumentName { get; set; }
    public int? DocumentVersion { get; set; }
    /// <summary>The document parameters as bound (text), for the record.</summary>
    public Dictionary<string, string> Parameters { get; set; } = new();
    public string? Comment { get; set; }
    public List<string> TargetNodeIds { get; set; } = new();
    public List<string> TargetTags { get; set; } = new();
    public string MaxConcurrency { get; set; } = "";
    public string MaxErrors { get; set; } = "";
    public int TimeoutSeconds { get; set; }
    public CommandStatus Status { get; set; }
    /// <summary>Why a command did not run (Skipped: a closed change calendar).</summary>
    public string? StatusDetails { get; set; }
    /// <summary>Change calendars the run named, and whether -IgnoreChangeCalendar overrode them.</summary>
    public List<string> ChangeCalendarNames { get; set; } = new();
    public bool IgnoredChangeCalendar { get; set; }
    public int TargetCount { get; set; }
    public int CompletedCount { get; set; }
    public int ErrorCount { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string RequestedBy { get; set; } = "";
    /// <summary>Host name and process id of the controller running it; used to mark orphaned runs Interrupted.</summary>
    public string OwnerHost { get; set; } = "";
    public int OwnerProcessId { get; set; }

    public override string ToString() => CommandId;
}

public enum CommandKind { PowerShell, Shell, Document }

public enum CommandStatus { Pending, InProgress, Success, Failed, Cancelled, Interrupted, Skipped }

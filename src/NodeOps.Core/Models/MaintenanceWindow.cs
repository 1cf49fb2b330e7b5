using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>A recurring period in which registered tasks run on registered targets (SSM maintenance window).</summary>
public sealed class MaintenanceWindow
{
    [BsonId] public string WindowId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Schedule { get; set; } = "";
    /// <summary>IANA time zone of the schedule; UTC when empty.</summary>
    public string? ScheduleTimezone { get; set; }
    public int ScheduleOffset { get; set; }
    public int Duration { get; set; }
    public int Cutoff { get; set; }
    public DateTime? StartDate { get; set; }
    public DateTime? EndDate { get; set; }
    public bool AllowUnassociatedTargets { get; set; }
    public bool Enabled { get; set; } = true;
    public List<string> ChangeCalendarNames { get; set; } = new();
    public MissedRunPolicy MissedRunPolicy { get; set; } = MissedRunPolicy.Skip;
    public DateTime CreatedDate { get; set; }
    public DateTime ModifiedDate { get; set; }
    /// <summary>The latest occurrence the scheduler has dealt with (run, skipped or missed).</summary>
    public DateTime? LastOccurrence { get; set; }

    /// <summary>Filled on reading: the next occurrence after now.</summary>
    [BsonIgnore] public DateTime? NextExecutionTime { get; set; }

    public override string ToString() => Name;
}

/// <summary>What the scheduler does with occurrences that passed while no scheduler ran.</summary>
public enum MissedRunPolicy { Skip, RunOnceLate }

/// <summary>Nodes a window acts on: explicit node ids and/or tag conditions, with free-form owner information.</summary>
public sealed class MaintenanceWindowTarget
{
    [BsonId] public string WindowTargetId { get; set; } = "";
    public string WindowId { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string> NodeIds { get; set; } = new();
    public List<string> Tags { get; set; } = new();
    public string? OwnerInformation { get; set; }

    public override string ToString() => WindowTargetId;
}

/// <summary>A Run Command task of a window: a document with parameters, or a PowerShell script.</summary>
public sealed class MaintenanceWindowTask
{
    [BsonId] public string WindowTaskId { get; set; } = "";
    public string WindowId { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? DocumentName { get; set; }
    public string? DocumentVersion { get; set; }
    /// <summary>Document parameters as text; a list parameter keeps several values.</summary>
    public Dictionary<string, List<string>> Parameters { get; set; } = new();
    public string? ScriptText { get; set; }
    public int Priority { get; set; } = 1;
    public string MaxConcurrency { get; set; } = "50";
    public string MaxErrors { get; set; } = "0";
    public int TimeoutSeconds { get; set; } = 3600;
    /// <summary>Window target ids; with explicit node ids and tags, the nodes of all of them.</summary>
    public List<string> WindowTargetIds { get; set; } = new();
    public List<string> NodeIds { get; set; } = new();
    public List<string> Tags { get; set; } = new();
    public CutoffBehavior CutoffBehavior { get; set; } = CutoffBehavior.CONTINUE_TASK;
    /// <summary>The document is a runbook (schemaVersion 0.3): the task starts an automation execution (SSM's AUTOMATION task type).</summary>
    public bool IsAutomation { get; set; }
    /// <summary>For a runbook: the parameter each child execution gets its node id in (one child per target node).</summary>
    public string? TargetParameterName { get; set; }

    [BsonIgnore] public string TaskType => ScriptText is not null ? "PowerShell" : IsAutomation ? "Automation" : "Document";
    [BsonIgnore] public string What => ScriptText?.Trim() is { } script ? "{ " + (script.Length > 40 ? script[..40] + "…" : script) + " }" : DocumentName ?? "";

    public override string ToString() => WindowTaskId;
}

/// <summary>SSM's names: CONTINUE_TASK lets a running task finish after the cutoff; CANCEL_TASK cancels it at the cutoff.</summary>
public enum CutoffBehavior { CONTINUE_TASK, CANCEL_TASK }

using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>
/// A runbook started for a node when one of its compliance items becomes NonCompliant (-OnNonCompliant):
/// the item's type (and optionally its id and severity) and the node are matched when the item is written.
/// </summary>
public sealed class NodeAutomationTrigger
{
    [BsonId] public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string DocumentName { get; set; } = "";
    public string? DocumentVersion { get; set; }
    /// <summary>The compliance type the trigger watches (Custom:NAME, Check:SUITE, Patch, Association); wildcards allowed.</summary>
    public string ComplianceType { get; set; } = "";
    /// <summary>The item id within the type; wildcards allowed; "*" (default) is any item.</summary>
    public string ItemId { get; set; } = "*";
    /// <summary>Severities that fire the trigger; empty is any.</summary>
    public List<ComplianceSeverity> Severities { get; set; } = new();
    /// <summary>Nodes the trigger applies to (ids or names, or Key=Value tags); with neither, every node.</summary>
    public List<string> NodeIds { get; set; } = new();
    public List<string> Tags { get; set; } = new();
    public Dictionary<string, List<string>> Parameters { get; set; } = new();
    /// <summary>The runbook parameter that receives the node's id.</summary>
    public string TargetParameterName { get; set; } = "NodeId";
    public bool Enabled { get; set; } = true;
    public DateTime CreatedDate { get; set; }
    public string CreatedBy { get; set; } = "";

    public override string ToString() => Name;
}

public enum TriggerEventStatus { Pending, Started, Skipped, Failed }

/// <summary>
/// One NonCompliant transition that fired a trigger (an outbox row): written in the same transaction as the
/// compliance item, then claimed by one scheduler pass, which starts the runbook under the pre-chosen execution id.
/// </summary>
public sealed class NodeAutomationTriggerEvent
{
    [BsonId] public string EventId { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string ComplianceType { get; set; } = "";
    public string ItemId { get; set; } = "";
    public string ItemTitle { get; set; } = "";
    public ComplianceSeverity Severity { get; set; }
    /// <summary>The status the item had before (null: it was not reported).</summary>
    public ComplianceStatus? PreviousStatus { get; set; }
    public DateTime DetectedAt { get; set; }
    public TriggerEventStatus Status { get; set; }
    public string? StatusDetails { get; set; }
    /// <summary>Chosen when the transition is recorded, so the runbook can be started under it only once.</summary>
    public string AutomationExecutionId { get; set; } = "";
    public string? ClaimedByHost { get; set; }
    public int ClaimedByProcessId { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? StartedAt { get; set; }

    public override string ToString() => $"{TriggerName} on {NodeId}: {ComplianceType} {ItemId} ({Status})";
}

using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>A State Manager association: a document kept applied to its targets on a schedule.</summary>
public sealed class NodeAssociation
{
    [BsonId] public string AssociationId { get; set; } = "";
    public string? AssociationName { get; set; }
    public string DocumentName { get; set; } = "";
    public string? DocumentVersion { get; set; }
    public Dictionary<string, List<string>> Parameters { get; set; } = new();
    /// <summary>For a runbook document: the parameter each node's child execution gets its node id in (SSM's AutomationTargetParameterName).</summary>
    public string? AutomationTargetParameterName { get; set; }
    public List<string> NodeIds { get; set; } = new();
    public List<string> Tags { get; set; } = new();
    public string? ScheduleExpression { get; set; }
    public string? ScheduleTimezone { get; set; }
    public int ScheduleOffset { get; set; }
    public bool ApplyOnlyAtCronInterval { get; set; }
    public ComplianceSeverity ComplianceSeverity { get; set; } = ComplianceSeverity.Unspecified;
    public string MaxConcurrency { get; set; } = "100%";
    public string MaxErrors { get; set; } = "100%";
    public int TimeoutSeconds { get; set; } = 3600;
    public List<string> ChangeCalendarNames { get; set; } = new();
    public MissedRunPolicy MissedRunPolicy { get; set; } = MissedRunPolicy.RunOnceLate;
    public DateTime CreatedDate { get; set; }
    public DateTime ModifiedDate { get; set; }
    public DateTime? LastOccurrence { get; set; }
    public DateTime? LastExecutionDate { get; set; }
    public int Version { get; set; } = 1;

    [BsonIgnore] public string DisplayName => AssociationName ?? AssociationId;
    [BsonIgnore] public DateTime? NextExecutionTime { get; set; }

    public override string ToString() => DisplayName;
}

/// <summary>
/// An association's state on one node: the last run's status and the compliance it gives. The shape is
/// the fleet compliance view's: node, compliance type ("Association"), item id, status, severity, time.
/// </summary>
public sealed class NodeAssociationStatus
{
    [BsonId] public string Id { get; set; } = "";
    public string AssociationId { get; set; } = "";
    public string? AssociationName { get; set; }
    public string DocumentName { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string ComplianceType => "Association";
    public ComplianceStatus ComplianceStatus { get; set; } = ComplianceStatus.NonCompliant;
    public ComplianceSeverity Severity { get; set; }
    /// <summary>Pending until the first run, then the last run's invocation status (Success, Failed, ...).</summary>
    public string Status { get; set; } = "Pending";
    public string? Details { get; set; }
    public string? ErrorId { get; set; }
    public int? ExitCode { get; set; }
    public string? CommandId { get; set; }
    public DateTime? LastRunTime { get; set; }
    public DateTime? LastSuccessfulRunTime { get; set; }

    public static string MakeId(string associationId, string nodeId) => associationId + "/" + nodeId;

    public override string ToString() => $"{AssociationName ?? AssociationId} on {NodeName}: {ComplianceStatus}";
}

/// <summary>One application of an association (scheduled, new nodes, or Start-NodeAssociation).</summary>
public sealed class NodeAssociationRun
{
    [BsonId] public string RunId { get; set; } = "";
    public string AssociationId { get; set; } = "";
    public DateTime? Occurrence { get; set; }
    public string Trigger { get; set; } = "";
    public string Status { get; set; } = "";
    public string? StatusDetails { get; set; }
    public string? CommandId { get; set; }
    /// <summary>For a runbook document: the automation execution the run started.</summary>
    public string? AutomationExecutionId { get; set; }
    public List<string> NodeIds { get; set; } = new();
    public DateTime CreatedTime { get; set; }
    public DateTime? EndTime { get; set; }
    public bool IgnoredChangeCalendar { get; set; }

    public static string MakeId(string associationId, DateTime occurrenceUtc) => $"{associationId}@{occurrenceUtc:yyyyMMdd'T'HHmmss'Z'}";

    public override string ToString() => RunId;
}

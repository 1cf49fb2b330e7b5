using LiteDB;

namespace NodeOps.Core.Models;

public enum ComplianceStatus { Compliant, NonCompliant }

/// <summary>SSM's compliance severities, most severe first (the order the summaries and reports use).</summary>
public enum ComplianceSeverity { Critical, High, Medium, Low, Informational, Unspecified }

/// <summary>
/// One compliance item of a node: a patch, an association, a custom rule or a check. Items of one node and
/// type are replaced together by the source that reports them (<see cref="Catalog.ComplianceStore.ReplaceItems"/>).
/// </summary>
public sealed class ComplianceItem
{
    [BsonId] public string Key { get; set; } = "";
    public string NodeId { get; set; } = "";
    /// <summary>Filled in when read (a node's name may change after the item was recorded).</summary>
    [BsonIgnore] public string NodeName { get; set; } = "";
    /// <summary>Patch, Association, Custom:NAME or Check:SUITE.</summary>
    public string Type { get; set; } = "";
    /// <summary>The item's id within the node and type (a KB or package name, an association id, a check id).</summary>
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public ComplianceStatus Status { get; set; }
    public ComplianceSeverity Severity { get; set; } = ComplianceSeverity.Unspecified;
    /// <summary>The run that reported it (a command id for checks, an association execution, or one chosen by the writer).</summary>
    public string ExecutionId { get; set; } = "";
    public DateTime ExecutedAt { get; set; }
    public Dictionary<string, string> Details { get; set; } = new(StringComparer.Ordinal);

    [BsonIgnore] public bool IsCompliant => Status == ComplianceStatus.Compliant;

    public static string MakeKey(string nodeId, string type, string id) => $"{nodeId}|{type}|{id}";

    public override string ToString() => $"{(NodeName.Length > 0 ? NodeName : NodeId)} {Type} {Id}: {Status}" + (Status == ComplianceStatus.NonCompliant ? $" ({Severity.ToString().ToUpperInvariant()})" : "");
}

/// <summary>What a source reports for one item; the store adds the node, type and execution.</summary>
public sealed record ComplianceItemInput(string Id, string Title, ComplianceStatus Status, ComplianceSeverity Severity, IReadOnlyDictionary<string, string>? Details = null);

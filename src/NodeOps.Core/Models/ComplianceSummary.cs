namespace NodeOps.Core.Models;

/// <summary>Items by status, and the non-compliant ones by severity (SSM's compliance summary counts).</summary>
public abstract class ComplianceCounts
{
    public int CompliantCount { get; set; }
    public int NonCompliantCount { get; set; }
    public int CriticalCount { get; set; }
    public int HighCount { get; set; }
    public int MediumCount { get; set; }
    public int LowCount { get; set; }
    public int InformationalCount { get; set; }
    public int UnspecifiedCount { get; set; }

    public void Add(ComplianceItem item)
    {
        if (item.IsCompliant) { CompliantCount++; return; }
        NonCompliantCount++;
        switch (item.Severity)
        {
            case ComplianceSeverity.Critical: CriticalCount++; break;
            case ComplianceSeverity.High: HighCount++; break;
            case ComplianceSeverity.Medium: MediumCount++; break;
            case ComplianceSeverity.Low: LowCount++; break;
            case ComplianceSeverity.Informational: InformationalCount++; break;
            default: UnspecifiedCount++; break;
        }
    }
}

/// <summary>Counts for one compliance type across the fleet: items by status, non-compliant items by severity, nodes by status.</summary>
public sealed class ComplianceTypeSummary : ComplianceCounts
{
    public string Type { get; set; } = "";
    public int CompliantNodeCount { get; set; }
    public int NonCompliantNodeCount { get; set; }
    public string[] NonCompliantNodeIds { get; set; } = Array.Empty<string>();

    public override string ToString() => $"{Type}: {NonCompliantCount} non-compliant on {NonCompliantNodeCount} node(s), {CompliantCount} compliant";
}

/// <summary>
/// One node's compliance across the types it reported. Status is NotReported for a node with no item at all
/// (or none of the types asked for), so a silent node is never mistaken for a compliant one.
/// </summary>
public sealed class NodeComplianceSummary : ComplianceCounts
{
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public NodeComplianceStatus Status { get; set; }
    /// <summary>The most severe severity among the node's non-compliant items (null when there are none).</summary>
    public ComplianceSeverity? HighestSeverity { get; set; }
    public string[] Types { get; set; } = Array.Empty<string>();
    public string[] NonCompliantTypes { get; set; } = Array.Empty<string>();
    public DateTime? LastExecutedAt { get; set; }

    public override string ToString() => $"{NodeName} {Status}" + (NonCompliantCount > 0 ? $" ({NonCompliantCount} non-compliant, highest {HighestSeverity.ToString()!.ToUpperInvariant()})" : "");
}

public enum NodeComplianceStatus { Compliant, NonCompliant, NotReported }

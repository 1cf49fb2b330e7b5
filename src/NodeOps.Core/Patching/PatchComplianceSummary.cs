using NodeOps.Core.Models;

namespace NodeOps.Core.Patching;

/// <summary>One node's line in the summary: its last report, or none.</summary>
public sealed class NodePatchComplianceRow
{
    public string NodeId { get; init; } = "";
    public string NodeName { get; init; } = "";
    /// <summary>Compliant, NonCompliant, NeverReported.</summary>
    public string Status { get; init; } = "";
    /// <summary>The highest compliance level among the node's non-compliant patches.</summary>
    public ComplianceSeverity? Severity { get; init; }
    public DateTime? LastReported { get; init; }
    public bool Stale { get; init; }
    public string? BaselineId { get; init; }
    public string? Operation { get; init; }
    public int Missing { get; init; }
    public int Failed { get; init; }
    public int InstalledRejected { get; init; }
    public int InstalledPendingReboot { get; init; }
    public int Installed { get; init; }
    public int InstalledOther { get; init; }
}

/// <summary>
/// The fleet's patch compliance as SSM's dashboard counts it: compliant nodes, non-compliant nodes by the
/// severity of their worst missing patch, nodes that never reported, and nodes whose last report is older
/// than a number of days.
/// </summary>
public sealed class PatchComplianceSummary
{
    public DateTime GeneratedAt { get; init; }
    public int TotalNodes { get; init; }
    public int Compliant { get; init; }
    public int NonCompliant { get; init; }
    public int NonCompliantCritical { get; init; }
    public int NonCompliantHigh { get; init; }
    public int NonCompliantMedium { get; init; }
    public int NonCompliantLow { get; init; }
    public int NonCompliantInformational { get; init; }
    public int NonCompliantUnspecified { get; init; }
    public int NeverReported { get; init; }
    public int StaleDays { get; init; }
    /// <summary>Nodes whose last report is older than <see cref="StaleDays"/> days.</summary>
    public int ReportedBeforeStaleDays { get; init; }
    public IReadOnlyList<NodePatchComplianceRow> Nodes { get; init; } = Array.Empty<NodePatchComplianceRow>();

    public static PatchComplianceSummary Build(IReadOnlyList<ManagedNode> nodes, IReadOnlyList<NodePatchState> states,
        IReadOnlyList<PatchComplianceItem> items, int staleDays, DateTime now)
    {
        var byNode = states.ToDictionary(s => s.NodeId, StringComparer.OrdinalIgnoreCase);
        var itemsByNode = items.ToLookup(i => i.NodeId, StringComparer.OrdinalIgnoreCase);
        var rows = nodes.Select(n =>
        {
            if (!byNode.TryGetValue(n.NodeId, out var s))
                return new NodePatchComplianceRow { NodeId = n.NodeId, NodeName = n.Name, Status = "NeverReported" };
            var bad = itemsByNode[n.NodeId].Where(i => i.IsNonCompliant).ToList();
            var compliant = bad.Count == 0 && !s.InstallFailed;
            return new NodePatchComplianceRow
            {
                NodeId = n.NodeId, NodeName = n.Name, Status = compliant ? "Compliant" : "NonCompliant",
                Severity = compliant ? null : bad.Count == 0 ? ComplianceSeverity.Unspecified : bad.Min(i => i.ComplianceLevel),
                LastReported = s.OperationEndTime, Stale = s.OperationEndTime < now.AddDays(-staleDays),
                BaselineId = s.BaselineId, Operation = s.Operation,
                Missing = s.MissingCount, Failed = s.FailedCount, InstalledRejected = s.InstalledRejectedCount,
                InstalledPendingReboot = s.InstalledPendingRebootCount, Installed = s.InstalledCount, InstalledOther = s.InstalledOtherCount,
            };
        }).ToList();
        int Level(ComplianceSeverity l) => rows.Count(r => r.Status == "NonCompliant" && r.Severity == l);
        return new PatchComplianceSummary
        {
            GeneratedAt = now, TotalNodes = rows.Count,
            Compliant = rows.Count(r => r.Status == "Compliant"), NonCompliant = rows.Count(r => r.Status == "NonCompliant"),
            NonCompliantCritical = Level(ComplianceSeverity.Critical), NonCompliantHigh = Level(ComplianceSeverity.High),
            NonCompliantMedium = Level(ComplianceSeverity.Medium), NonCompliantLow = Level(ComplianceSeverity.Low),
            NonCompliantInformational = Level(ComplianceSeverity.Informational), NonCompliantUnspecified = Level(ComplianceSeverity.Unspecified),
            NeverReported = rows.Count(r => r.Status == "NeverReported"),
            StaleDays = staleDays, ReportedBeforeStaleDays = rows.Count(r => r.Stale),
            Nodes = rows,
        };
    }
}

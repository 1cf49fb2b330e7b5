using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>Counts compliance items by type and severity across the fleet, and per node (nodes that never reported included).</summary>
public static class ComplianceSummarizer
{
    public static IReadOnlyList<ComplianceTypeSummary> ByType(IEnumerable<ComplianceItem> items) =>
        items.GroupBy(i => i.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var s = new ComplianceTypeSummary { Type = g.Key };
            foreach (var i in g) s.Add(i);
            var byNode = g.GroupBy(i => i.NodeId).ToList();
            var failing = byNode.Where(n => n.Any(i => !i.IsCompliant)).Select(n => n.Key).Order(StringComparer.Ordinal).ToArray();
            s.NonCompliantNodeIds = failing;
            s.NonCompliantNodeCount = failing.Length;
            s.CompliantNodeCount = byNode.Count - failing.Length;
            return s;
        }).ToList();

    /// <summary>One summary per node, non-compliant first (most severe first), then nodes that never reported, then compliant ones.</summary>
    public static IReadOnlyList<NodeComplianceSummary> PerNode(IEnumerable<ComplianceItem> items, IEnumerable<ManagedNode> nodes)
    {
        var byNode = items.GroupBy(i => i.NodeId).ToDictionary(g => g.Key, g => g.ToList());
        return nodes.Select(node =>
        {
            var s = new NodeComplianceSummary { NodeId = node.NodeId, NodeName = node.Name, Status = NodeComplianceStatus.NotReported };
            if (byNode.TryGetValue(node.NodeId, out var mine) && mine.Count > 0)
            {
                foreach (var i in mine) s.Add(i);
                s.Status = s.NonCompliantCount > 0 ? NodeComplianceStatus.NonCompliant : NodeComplianceStatus.Compliant;
                s.HighestSeverity = mine.Where(i => !i.IsCompliant).Select(i => (ComplianceSeverity?)i.Severity).Min();
                s.Types = mine.Select(i => i.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                s.NonCompliantTypes = mine.Where(i => !i.IsCompliant).Select(i => i.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                s.LastExecutedAt = mine.Max(i => i.ExecutedAt);
            }
            return s;
        })
        .OrderBy(s => s.Status switch { NodeComplianceStatus.NonCompliant => 0, NodeComplianceStatus.NotReported => 1, _ => 2 })
        .ThenBy(s => s.HighestSeverity ?? ComplianceSeverity.Unspecified)
        .ThenByDescending(s => s.NonCompliantCount)
        .ThenBy(s => s.NodeName, StringComparer.OrdinalIgnoreCase)
        .ToList();
    }
}

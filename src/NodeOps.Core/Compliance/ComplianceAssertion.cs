using System.Text;
using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>The message Assert-NodeCompliant throws: what was asked, then each offending node and its items, worst first.</summary>
public static class ComplianceAssertion
{
    public const int MaxListed = 50;

    public static string Message(IReadOnlyList<ComplianceItem> nonCompliant, IReadOnlyList<NodeComplianceSummary> notReported, string scope)
    {
        var text = new StringBuilder();
        var nodes = nonCompliant.GroupBy(i => i.NodeId).ToList();
        var parts = new List<string>();
        if (nonCompliant.Count > 0) parts.Add($"{nonCompliant.Count} non-compliant item(s) on {nodes.Count} node(s)");
        if (notReported.Count > 0) parts.Add($"{notReported.Count} node(s) with no compliance reported");
        text.Append("Not compliant");
        if (scope.Length > 0) text.Append($" ({scope})");
        text.Append(": ").Append(string.Join("; ", parts)).Append('.');
        var listed = 0;
        foreach (var node in nodes.OrderBy(g => g.Min(i => i.Severity)).ThenBy(g => g.First().NodeName, StringComparer.OrdinalIgnoreCase))
        {
            text.AppendLine().Append($"  {node.First().NodeName} ({node.Key}):");
            foreach (var i in node.OrderBy(i => i.Severity).ThenBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal))
            {
                if (listed++ >= MaxListed) break;
                text.AppendLine().Append($"    [{i.Severity.ToString().ToUpperInvariant()}] {i.Type} {i.Id}");
                if (i.Title != i.Id) text.Append($" - {i.Title}");
                if (i.Details.TryGetValue("Error", out var error) && error.Length > 0) text.Append($" (error: {error})");
            }
        }
        if (listed > MaxListed) text.AppendLine().Append($"  ... and {nonCompliant.Count - MaxListed} more item(s); Get-NodeComplianceItem -Status NonCompliant lists them all.");
        foreach (var n in notReported) text.AppendLine().Append($"  {n.NodeName} ({n.NodeId}): no compliance reported");
        return text.ToString();
    }
}

using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>
/// Which compliance items a reader wants: nodes (null for every node), type names or wildcards
/// (Check:*, Custom:*), statuses and severities (any when empty). Items come back with node names filled in.
/// </summary>
public sealed class ComplianceQuery
{
    public IReadOnlyList<ManagedNode>? Nodes { get; init; }
    public IReadOnlyList<string> Types { get; init; } = Array.Empty<string>();
    public IReadOnlyList<ComplianceStatus> Statuses { get; init; } = Array.Empty<ComplianceStatus>();
    public IReadOnlyList<ComplianceSeverity> Severities { get; init; } = Array.Empty<ComplianceSeverity>();

    /// <summary>The items asked for, and the nodes in scope (those asked for, or every registered node) read once for both.</summary>
    public (IReadOnlyList<ComplianceItem> Items, IReadOnlyList<ManagedNode> Nodes) Run(NodeCatalog catalog)
    {
        var nodes = Nodes ?? catalog.Nodes.All();
        var names = nodes.ToDictionary(n => n.NodeId, n => n.Name, StringComparer.OrdinalIgnoreCase);
        var patterns = Types.Select(t => WildcardPattern.ContainsWildcardCharacters(t)
            ? new WildcardPattern(t, WildcardOptions.IgnoreCase)
            : new WildcardPattern(WildcardPattern.Escape(ComplianceRules.NormalizeType(t)), WildcardOptions.IgnoreCase)).ToList();
        Func<string, bool>? typeMatch = patterns.Count == 0 ? null : t => patterns.Any(p => p.IsMatch(t));
        var items = catalog.Compliance.Find(Nodes?.Select(n => n.NodeId).ToList(), typeMatch)
            // Items of nodes removed from the catalog are not shown.
            .Where(i => names.ContainsKey(i.NodeId))
            .Where(i => Statuses.Count == 0 || Statuses.Contains(i.Status))
            .Where(i => Severities.Count == 0 || Severities.Contains(i.Severity))
            .ToList();
        foreach (var i in items) i.NodeName = names[i.NodeId];
        return (items, nodes);
    }
}

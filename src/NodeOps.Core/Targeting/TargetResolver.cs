using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Targeting;

/// <summary>Resolves explicit node ids and tag conditions to the nodes a run goes to (each node once, in a stable order).</summary>
public static class TargetResolver
{
    public static IReadOnlyList<ManagedNode> Resolve(NodeStore nodes, IEnumerable<string>? nodeIds, IReadOnlyList<TagFilter>? tags)
    {
        var picked = new Dictionary<string, ManagedNode>(StringComparer.OrdinalIgnoreCase);
        var ids = nodeIds?.Where(i => !string.IsNullOrWhiteSpace(i)).ToList() ?? new List<string>();
        foreach (var id in ids)
        {
            var node = nodes.Resolve(id);
            picked[node.NodeId] = node;
        }

        if (tags is { Count: > 0 })
        {
            var matched = nodes.All().Where(n => tags.All(t => t.Matches(n))).ToList();
            if (matched.Count == 0)
                throw new NodeOpsException(ErrorIds.NoTargetsMatched, ErrorCategory.ObjectNotFound, string.Join(",", tags),
                    $"No managed node has the tags {string.Join(" and ", tags)}. Nothing was run.");
            foreach (var n in matched) picked[n.NodeId] = n;
        }

        if (picked.Count == 0)
            throw new NodeOpsException(ErrorIds.NoTargetsMatched, ErrorCategory.InvalidArgument, null,
                "No targets were given. Use -NodeId, -Tag, or pipe managed nodes in.");
        return picked.Values.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The nodes that match now, for stored targets (windows, associations): ids or names that no longer exist and
    /// tags that match nothing are simply left out, since the fleet changes between registration and run.
    /// </summary>
    public static IReadOnlyList<ManagedNode> Matching(NodeStore nodes, IEnumerable<string> nodeIds, IReadOnlyCollection<string> tags)
    {
        var picked = new Dictionary<string, ManagedNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in nodeIds)
            if ((nodes.Find(id) ?? nodes.FindByName(id)) is { } n) picked[n.NodeId] = n;
        if (tags.Count > 0)
        {
            var filters = TagFilter.ParseMany(tags);
            foreach (var n in nodes.All().Where(n => filters.All(f => f.Matches(n)))) picked[n.NodeId] = n;
        }
        return picked.Values.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}

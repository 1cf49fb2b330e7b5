using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Common;

/// <summary>Gathers -NodeId values and piped nodes across ProcessRecord calls, then resolves them once with -Tag.</summary>
internal sealed class TargetCollector
{
    private readonly List<string> _ids = new();

    public void Add(IEnumerable<string>? ids)
    {
        if (ids is not null) _ids.AddRange(ids);
    }

    public bool IsEmpty => _ids.Count == 0;

    public IReadOnlyList<ManagedNode> Resolve(NodeStore nodes, string[]? tags, bool allWhenEmpty)
    {
        var filters = tags is null ? null : TagFilter.ParseMany(tags);
        if (allWhenEmpty && _ids.Count == 0 && filters is null) return nodes.All();
        return TargetResolver.Resolve(nodes, _ids, filters);
    }
}

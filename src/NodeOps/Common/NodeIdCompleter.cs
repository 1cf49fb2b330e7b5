using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of node ids (and names, for parameters that accept either) from the catalog.</summary>
public sealed class NodeIdCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters)
    {
        var byName = parameterName.Equals("Name", StringComparison.OrdinalIgnoreCase);
        return catalog.Nodes.All()
            .Select(n => (value: byName ? n.Name : n.NodeId, n))
            .Where(x => pattern.IsMatch(x.value) || !byName && pattern.IsMatch(x.n.Name))
            .Select(x => new CompletionResult(x.value, x.value, CompletionResultType.ParameterValue, $"{x.n.NodeId} {x.n.Name} ({x.n.Address})"));
    }
}

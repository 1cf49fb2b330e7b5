using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of node ids (and names, for parameters that accept either) from the catalog.</summary>
public sealed class NodeIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        try
        {
            var path = fakeBoundParameters["CatalogPath"] as string;
            using var catalog = NodeCatalog.Open(path);
            var byName = parameterName.Equals("Name", StringComparison.OrdinalIgnoreCase);
            return catalog.Nodes.All()
                .Select(n => (value: byName ? n.Name : n.NodeId, n))
                .Where(x => pattern.IsMatch(x.value) || !byName && pattern.IsMatch(x.n.Name))
                .Select(x => new CompletionResult(x.value, x.value, CompletionResultType.ParameterValue, $"{x.n.NodeId} {x.n.Name} ({x.n.Address})"))
                .ToList();
        }
        catch
        {
            return Array.Empty<CompletionResult>();
        }
    }
}

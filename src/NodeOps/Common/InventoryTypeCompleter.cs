using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of inventory type names: the built-in ones and those stored in the catalog.</summary>
public sealed class InventoryTypeCompleter : CatalogCompleter
{
    private static readonly string[] BuiltIn = { "Application", "Service", "Network", "File", "WindowsUpdate", "NodeInformation" };

    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        BuiltIn.Concat(catalog.Inventory.TypeNames()).Distinct(StringComparer.OrdinalIgnoreCase).Where(pattern.IsMatch)
            .Select(t => new CompletionResult(t.Contains(':') ? $"'{t}'" : t, t, CompletionResultType.ParameterValue, t));
}

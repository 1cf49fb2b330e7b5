using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of compliance types: Patch, Association, and the Custom: and Check: types stored in the catalog.</summary>
public sealed class ComplianceTypeCompleter : CatalogCompleter
{
    private static readonly string[] Known = { "Patch", "Association", "Custom:*", "Check:*" };

    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        Known.Concat(catalog.Compliance.Types()).Distinct(StringComparer.OrdinalIgnoreCase).Where(pattern.IsMatch)
            .Select(t => new CompletionResult(t.Contains(':') ? $"'{t}'" : t, t, CompletionResultType.ParameterValue, t));
}

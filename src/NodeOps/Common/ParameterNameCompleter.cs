using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of Parameter Store names (and, for -Path, of the paths above them).</summary>
public sealed class ParameterNameCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters)
    {
        var names = catalog.Parameters.Names();
        var candidates = parameterName.Equals("Path", StringComparison.OrdinalIgnoreCase)
            ? names.SelectMany(Ancestors).Distinct()
            : names;
        return candidates.Where(pattern.IsMatch).Order(StringComparer.Ordinal)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }

    private static IEnumerable<string> Ancestors(string name)
    {
        for (var i = name.IndexOf('/', 1); i > 0; i = name.IndexOf('/', i + 1)) yield return name[..i];
    }
}

using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of automation trigger names.</summary>
public sealed class AutomationTriggerCompleter : CatalogCompleter
{
    protected override IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters) =>
        catalog.AutomationTriggers.All()
            .Where(t => pattern.IsMatch(t.Name))
            .Select(t => new CompletionResult(t.Name, t.Name, CompletionResultType.ParameterValue, $"{t.Name} ({t.DocumentName} on {t.ComplianceType} {t.ItemId})"));
}

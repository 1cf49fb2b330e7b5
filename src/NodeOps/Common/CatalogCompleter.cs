using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>
/// Base of completers that read the catalog (the one -CatalogPath names, if typed): opens it for the
/// completion and never lets a failure reach the prompt.
/// </summary>
public abstract class CatalogCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        try
        {
            using var catalog = NodeCatalog.Open(fakeBoundParameters["CatalogPath"] as string);
            return Complete(catalog, parameterName, pattern, fakeBoundParameters).ToList();
        }
        catch
        {
            return Array.Empty<CompletionResult>();
        }
    }

    protected abstract IEnumerable<CompletionResult> Complete(NodeCatalog catalog, string parameterName, WildcardPattern pattern, IDictionary fakeBoundParameters);
}

using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using NodeOps.Core.Catalog;

namespace NodeOps.Common;

/// <summary>Tab completion of document names (stored, built-in and AWS-* aliases).</summary>
public sealed class DocumentNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        try
        {
            using var catalog = NodeCatalog.Open(fakeBoundParameters["CatalogPath"] as string);
            return catalog.Documents.Find(null, null, allVersions: false)
                .Where(d => pattern.IsMatch(d.Name))
                .Select(d => new CompletionResult(d.Name, d.Name, CompletionResultType.ParameterValue, $"{d.Name} ({d.DocumentType}, v{d.Version}) {d.Description}".Trim()))
                .Concat(Core.Documents.BuiltInDocuments.Aliases.Keys.Where(pattern.IsMatch)
                    .Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, $"{a} → {Core.Documents.BuiltInDocuments.Aliases[a]}")))
                .ToList();
        }
        catch
        {
            return Array.Empty<CompletionResult>();
        }
    }
}

using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Documents;

/// <summary>
/// Binds invoke-time values (-Parameters @{...}) to a document's parameters: unknown names, missing
/// required ones, wrong types and broken constraints are all reported before anything is sent.
/// </summary>
public static class ParameterBinder
{
    public static Dictionary<string, object> Bind(string documentName, IReadOnlyList<DocumentParameter> declared, IDictionary? supplied)
    {
        var problems = new List<string>();
        var given = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (supplied is not null)
        {
            foreach (DictionaryEntry e in supplied)
            {
                var key = ParameterValues.Text(e.Key);
                // Exact name first; a PowerShell user's different casing is accepted when it is unambiguous.
                var match = declared.FirstOrDefault(p => p.Name == key)
                    ?? declared.SingleOrDefaultIgnoreCase(key);
                if (match is null) problems.Add($"'{key}' is not a parameter of {documentName} (parameters: {Names(declared)}).");
                else given[match.Name] = e.Value;
            }
        }

        var bound = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in declared)
        {
            object? value;
            if (given.TryGetValue(p.Name, out var raw))
            {
                var (converted, error) = ParameterValues.Convert(raw, p.Type);
                if (error is not null)
                {
                    problems.Add($"'{p.Name}' {error}.");
                    continue;
                }
                value = converted;
                if (value is not null && ParameterValues.CheckConstraints(p, value) is { } bad)
                {
                    problems.Add($"'{p.Name}': {bad}.");
                    continue;
                }
            }
            else if (p.HasDefault)
            {
                value = p.Default;
            }
            else
            {
                problems.Add($"'{p.Name}' is required ({p.Type}{(p.Description is null ? "" : ": " + p.Description)}).");
                continue;
            }
            bound[p.Name] = value ?? "";
        }

        if (problems.Count > 0)
            throw new NodeOpsException(ErrorIds.DocumentParameterInvalid, ErrorCategory.InvalidArgument, documentName,
                $"Parameters for {documentName} are not valid: " + string.Join(" ", problems));
        return bound;
    }

    private static string Names(IReadOnlyList<DocumentParameter> declared) =>
        declared.Count == 0 ? "none" : string.Join(", ", declared.Select(p => p.Name));

    private static DocumentParameter? SingleOrDefaultIgnoreCase(this IReadOnlyList<DocumentParameter> declared, string key)
    {
        var matches = declared.Where(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}

using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Documents;

/// <summary>
/// Puts bound parameter values into a step's inputs. A string that is exactly one reference takes the
/// value with its type (a StringList stays a list; inside a list it is spliced in, as SSM's
/// <c>runCommand: "{{ commands }}"</c> expects); a reference inside other text becomes text (lists joined
/// by spaces, maps as JSON).
/// </summary>
public sealed class Interpolator
{
    private readonly IReadOnlyDictionary<string, object> _values;
    private readonly string _documentName;
    private readonly IParameterReferenceResolver? _store;
    private readonly ISet<string> _secrets;

    /// <param name="secrets">Collects the plain text of every secret resolved, so output can be masked.</param>
    public Interpolator(string documentName, IReadOnlyDictionary<string, object> values, IParameterReferenceResolver? store = null, ISet<string>? secrets = null)
    {
        _documentName = documentName;
        _values = values;
        _store = store;
        _secrets = secrets ?? new HashSet<string>();
    }

    public object? Resolve(DocNode? node) => node switch
    {
        null => null,
        DocScalar s => ResolveScalar(s),
        DocList l => l.Items.SelectMany(item => item is DocScalar s && WholeListValue(s) is { } spliced ? spliced : new[] { Resolve(item) }).ToList(),
        DocMap m => m.Entries.ToDictionary(e => e.Key.Value, e => Resolve(e.Value)),
        _ => null,
    };

    private string FromStore(string reference)
    {
        if (_store is null)
            throw new NodeOpsException(ErrorIds.ParameterStoreNotAvailable, ErrorCategory.NotImplemented, reference,
                $"{_documentName} refers to {{{{ {reference} }}}}, a Parameter Store value, and no Parameter Store is available here.");
        var prefix = TemplateText.ParameterStorePrefixes.First(p => reference.StartsWith(p, StringComparison.Ordinal));
        var (text, secret) = _store.Resolve(reference[prefix.Length..], secureRequired: prefix == "ssm-secure:");
        if (secret && text.Length > 0) _secrets.Add(text);
        return text;
    }

    public string Text(DocNode? node) => ParameterValues.Text(Resolve(node));

    private object? ResolveScalar(DocScalar s)
    {
        if (s.IsNull) return null;
        if (TemplateText.WholeReference(s.Value) is { } whole) return Lookup(whole);
        return TemplateText.Replace(s.Value, r => ParameterValues.Text(Lookup(r)));
    }

    private IEnumerable<object?>? WholeListValue(DocScalar s) =>
        TemplateText.WholeReference(s.Value) is { } r && Lookup(r) is List<string> list ? list : null;

    private object Lookup(string reference)
    {
        if (TemplateText.IsParameterStoreReference(reference)) return FromStore(reference);
        if (_values.TryGetValue(reference, out var value))
        {
            // A parameter value may itself name a Parameter Store value, as in SSM.
            return value switch
            {
                string s => TemplateText.Replace(s, r => TemplateText.IsParameterStoreReference(r) ? FromStore(r) : $"{{{{ {r} }}}}"),
                List<string> l => l.Select(i => TemplateText.Replace(i, r => TemplateText.IsParameterStoreReference(r) ? FromStore(r) : $"{{{{ {r} }}}}")).ToList(),
                _ => value,
            };
        }
        throw new NodeOpsException(ErrorIds.DocumentInvalid, ErrorCategory.InvalidData, reference,
            $"{_documentName} refers to {{{{ {reference} }}}}, which names no parameter.");
    }
}

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

    public Interpolator(string documentName, IReadOnlyDictionary<string, object> values)
    {
        _documentName = documentName;
        _values = values;
    }

    public object? Resolve(DocNode? node) => node switch
    {
        null => null,
        DocScalar s => ResolveScalar(s),
        DocList l => l.Items.SelectMany(item => item is DocScalar s && WholeListValue(s) is { } spliced ? spliced : new[] { Resolve(item) }).ToList(),
        DocMap m => m.Entries.ToDictionary(e => e.Key.Value, e => Resolve(e.Value)),
        _ => null,
    };

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
        if (TemplateText.IsParameterStoreReference(reference))
            throw new NodeOpsException(ErrorIds.ParameterStoreNotAvailable, ErrorCategory.NotImplemented, reference,
                $"{_documentName} refers to {{{{ {reference} }}}}, a Parameter Store value; Parameter Store is not available in this version of NodeOps.");
        if (_values.TryGetValue(reference, out var value)) return value;
        throw new NodeOpsException(ErrorIds.DocumentInvalid, ErrorCategory.InvalidData, reference,
            $"{_documentName} refers to {{{{ {reference} }}}}, which names no parameter.");
    }
}

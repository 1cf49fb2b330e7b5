using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Documents;

/// <summary>One thing wrong with a document, and where.</summary>
public readonly record struct DocumentProblem(DocMark Mark, string Message)
{
    public string Describe(string source) => $"{source}:{Mark.Line}:{Mark.Column}: {Message}";
}

/// <summary>Collects what is wrong with a document; the import is refused with all of it at once.</summary>
public sealed class DocumentProblems
{
    private readonly List<DocumentProblem> _items = new();
    public string Source { get; }

    public DocumentProblems(string source) => Source = source;

    public IReadOnlyList<DocumentProblem> Items => _items;

    public void Add(DocNode? at, string message) => _items.Add(new DocumentProblem(at?.Mark ?? new DocMark(1, 1), message));

    public void ThrowIfAny()
    {
        if (_items.Count > 0) throw ToException(Source, _items);
    }

    public static NodeOpsException Single(string source, DocMark mark, string message) =>
        ToException(source, new[] { new DocumentProblem(mark, message) });

    private static NodeOpsException ToException(string source, IReadOnlyList<DocumentProblem> problems)
    {
        var ordered = problems.OrderBy(p => p.Mark.Line).ThenBy(p => p.Mark.Column).ToList();
        var text = ordered.Count == 1
            ? $"The document is not valid: {ordered[0].Describe(source)}"
            : $"The document is not valid ({ordered.Count} problems):{Environment.NewLine}" + string.Join(Environment.NewLine, ordered.Select(p => "  " + p.Describe(source)));
        return new NodeOpsException(ErrorIds.DocumentInvalid, ErrorCategory.InvalidData, source, text) { Data = { ["Problems"] = ordered } };
    }
}

namespace NodeOps.Core.Documents;

/// <summary>Where something is in a document's text (1-based), for errors that point at it.</summary>
public readonly record struct DocMark(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// A document's syntax tree, from YAML or JSON alike, with the position of every node kept so that
/// validation can say where a problem is.
/// </summary>
public abstract class DocNode
{
    public DocMark Mark { get; init; }
}

public sealed class DocScalar : DocNode
{
    public string Value { get; init; } = "";
    /// <summary>Quoted scalars are always strings; plain ones may be numbers or booleans.</summary>
    public bool Quoted { get; init; }
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";
    public override string ToString() => Value;
}

public sealed class DocList : DocNode
{
    public List<DocNode> Items { get; init; } = new();
}

public sealed class DocMap : DocNode
{
    /// <summary>Entries in document order; keys compare case-sensitively, as in SSM.</summary>
    public List<KeyValuePair<DocScalar, DocNode>> Entries { get; init; } = new();

    public DocNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public bool Has(string key) => Entries.Any(e => e.Key.Value == key);
}

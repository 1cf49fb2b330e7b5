namespace NodeOps.Core.Documents;

/// <summary>A document read and validated: its type, parameters and steps (a version's content, understood).</summary>
public sealed class DocumentDefinition
{
    public string SchemaVersion { get; init; } = "";
    public DocumentType DocumentType { get; init; }
    public DocumentFormat Format { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<DocumentParameter> Parameters { get; init; } = Array.Empty<DocumentParameter>();
    public IReadOnlyList<DocumentStep> Steps { get; init; } = Array.Empty<DocumentStep>();
    /// <summary>Session documents only: Standard_Stream, InteractiveCommands, NonInteractiveCommands or Port.</summary>
    public string? SessionType { get; init; }
    /// <summary>The whole tree, for capabilities that read more of it (session inputs, runbook outputs).</summary>
    public DocMap Root { get; init; } = new();
}

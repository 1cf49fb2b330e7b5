namespace NodeOps.Core.Documents;

/// <summary>What happens to the rest of a document when a step fails.</summary>
public enum StepFailureAction { Continue, Exit, SuccessAndExit }

/// <summary>One step of a document as written (inputs not yet interpolated).</summary>
public sealed class DocumentStep
{
    public string Name { get; init; } = "";
    public string ActionName { get; init; } = "";
    public StepAction Action { get; init; }
    public DocMap Inputs { get; init; } = new();
    /// <summary>The two operands of <c>precondition: StringEquals: [a, b]</c>, or null.</summary>
    public (DocNode Left, DocNode Right)? Precondition { get; init; }
    public StepFailureAction OnFailure { get; init; }
    /// <summary>onSuccess: exit, or isEnd: true — the document ends after this step.</summary>
    public bool ExitAfter { get; init; }
    public bool IsFinally { get; init; }
    public DocNode? TimeoutSeconds { get; init; }
    public DocMark Mark { get; init; }

    public override string ToString() => $"{Name} ({ActionName})";
}

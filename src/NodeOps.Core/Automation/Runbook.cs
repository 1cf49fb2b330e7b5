using NodeOps.Core.Documents;

namespace NodeOps.Core.Automation;

/// <summary>What a runbook step does, whichever of its SSM or NodeOps names the document uses.</summary>
public enum RunbookAction { RunCommand, ExecuteScript, Branch, Sleep, Approve, Pause, WaitForNodeState, InvokeRunbook, RestartNode }

/// <summary>The types a step output can be declared with.</summary>
public enum RunbookOutputType { String, Integer, Boolean, StringList, StringMap, MapList }

/// <summary>Where a runbook goes after a step fails or is cancelled: end it, go on to the next step, or jump to a named step.</summary>
public enum StepTransitionKind { Abort, Continue, Step }

public readonly record struct StepTransition(StepTransitionKind Kind, string? StepName = null)
{
    public static readonly StepTransition Abort = new(StepTransitionKind.Abort);
    public override string ToString() => Kind == StepTransitionKind.Step ? "step:" + StepName : Kind.ToString();
}

/// <summary>A value a step publishes as <c>{{ stepName.Name }}</c>, picked from its output by a selector such as <c>$.a.b</c>.</summary>
public sealed record RunbookOutput(string Name, string Selector, RunbookOutputType Type);

/// <summary>A schemaVersion 0.3 document understood as a procedure: parameters, steps and their flow.</summary>
public sealed class Runbook
{
    public string Name { get; init; } = "";
    public int Version { get; init; }
    public IReadOnlyList<DocumentParameter> Parameters { get; init; } = Array.Empty<DocumentParameter>();
    public IReadOnlyList<RunbookStep> Steps { get; init; } = Array.Empty<RunbookStep>();
    /// <summary>The document's own outputs ("step.Output" names) shown on the execution.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = Array.Empty<string>();

    public RunbookStep? Find(string? name) => Steps.FirstOrDefault(s => s.Name == name);

    /// <summary>The step after this one in document order, or null after the last.</summary>
    public RunbookStep? After(RunbookStep step)
    {
        var i = Steps.ToList().IndexOf(step);
        return i >= 0 && i + 1 < Steps.Count ? Steps[i + 1] : null;
    }
}

public sealed class RunbookStep
{
    public string Name { get; init; } = "";
    public string ActionName { get; init; } = "";
    public RunbookAction Action { get; init; }
    public DocMap Inputs { get; init; } = new();
    public IReadOnlyList<RunbookOutput> Outputs { get; init; } = Array.Empty<RunbookOutput>();
    public StepTransition OnFailure { get; init; } = StepTransition.Abort;
    public StepTransition OnCancel { get; init; } = StepTransition.Abort;
    public int MaxAttempts { get; init; } = 1;
    public int? TimeoutSeconds { get; init; }
    /// <summary>A critical step that fails makes the whole execution Failed even when the runbook goes on (SSM's default).</summary>
    public bool IsCritical { get; init; } = true;
    public bool IsEnd { get; init; }
    public string? NextStep { get; init; }
    /// <summary>aws:branch only.</summary>
    public BranchRule? Branch { get; init; }
    public DocMark Mark { get; init; }

    public override string ToString() => $"{Name} ({ActionName})";
}

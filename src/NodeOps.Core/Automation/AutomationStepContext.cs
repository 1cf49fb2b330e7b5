using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Automation;

/// <summary>What a runbook action gets to do its work: its resolved inputs, the catalog, and a way to commit its record.</summary>
public sealed class AutomationStepContext
{
    public required AutomationRunner Runner { get; init; }
    public required NodeCatalog Catalog { get; init; }
    public required NodeSessionPool Pool { get; init; }
    public required ConnectionSettings Settings { get; init; }
    public required string ExecutionId { get; init; }
    public required RunbookStep Step { get; init; }
    public required AutomationStepExecution Record { get; init; }
    /// <summary>The step's inputs with every {{ }} reference resolved.</summary>
    public required IReadOnlyDictionary<string, object?> Inputs { get; init; }
    /// <summary>Secrets resolved for this step (masked in everything kept).</summary>
    public required IReadOnlyList<string> Secrets { get; init; }

    public string? Text(string key) => Inputs.TryGetValue(key, out var v) && v is not null ? ParameterValues.Text(v) : null;

    public int? Number(string key, int? fallback = null)
    {
        if (Text(key) is not { } t) return fallback;
        return int.TryParse(t, out var n) ? n : throw Invalid($"input {key} '{t}' is not a whole number.");
    }

    public IReadOnlyList<string> List(string key) => Inputs.TryGetValue(key, out var v) ? v switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        System.Collections.IEnumerable e => e.Cast<object?>().Select(ParameterValues.Text).ToList(),
        _ => new[] { ParameterValues.Text(v) },
    } : Array.Empty<string>();

    public Dictionary<string, object?> Map(string key) => Inputs.TryGetValue(key, out var v) ? v switch
    {
        null => new(),
        Dictionary<string, object?> d => d,
        string s when OutputSelector.Json(s) is Dictionary<string, object?> d => d,
        _ => throw Invalid($"input {key} must be a map."),
    } : new();

    /// <summary>Writes the step record (and, with a status, the execution's) at once: a waiting step is visible to other processes.</summary>
    public void Save(AutomationStatus? executionStatus = null) =>
        Catalog.Automation.Change(ExecutionId, e => { if (executionStatus is { } s) e.Status = s; }, Record);

    public StepFailedException Invalid(string message) => new(ErrorIds.StepInputInvalid, $"Step '{Step.Name}': {message}");
}

/// <summary>A step that did not succeed, with the error id kept on its record.</summary>
public sealed class StepFailedException : Exception
{
    public string ErrorId { get; }
    public AutomationStepStatus Status { get; }
    /// <summary>What the step produced before it failed (a Run Command's per-node results), kept on its record.</summary>
    public object? Result { get; init; }

    public StepFailedException(string errorId, string message, AutomationStepStatus status = AutomationStepStatus.Failed) : base(message)
    {
        ErrorId = errorId;
        Status = status;
    }
}

using System.Management.Automation;
using NodeOps.Core.Compliance;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Documents;

/// <summary>What a nodeops:runComplianceChecks step sends: the checks, and the severity of a check that fails to run.</summary>
public sealed record ComplianceCheckPlan(IReadOnlyList<ComplianceCheck> Checks, ComplianceSeverity ErrorSeverity)
{
    /// <summary>Reads the step's inputs: checks (JSON list), checksPath (a controller file or folder read now), suite, errorSeverity.</summary>
    internal static ComplianceCheckPlan From(DocumentStep step, Interpolator values)
    {
        string? Text(string key) => step.Inputs[key] is { } n && values.Text(n) is { } t && t.Trim().Length > 0 ? t.Trim() : null;
        var checks = new List<ComplianceCheck>();
        var suite = Text("suite");
        if (Text("checks") is { } json)
            checks.AddRange(ComplianceCheck.FromJson(json, step.Name).Select(c => suite is null ? c : c with { Suite = ComplianceRules.NormalizeSuite(suite) }));
        if (Text("checksPath") is { } path) checks.AddRange(ComplianceCheck.FromPath(path, suite));
        if (checks.Count == 0)
            throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step.Name, $"Step '{step.Name}': give the checks to run (checks, a JSON list, or checksPath, a controller file or folder).");
        var errorSeverity = Text("errorSeverity");
        var severity = errorSeverity is null ? ComplianceSeverity.High
            : ComplianceRules.TryParseSeverity(errorSeverity, out var s) ? s
            : throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step.Name, $"Step '{step.Name}': errorSeverity '{errorSeverity}' is not a compliance severity.");
        return new ComplianceCheckPlan(checks, severity);
    }
}

using NodeOps.Core.Compliance;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>
/// nodeops:runComplianceChecks on one node: sends the checks over the session, runs them there, and replaces the
/// node's Check:SUITE items with what they found. The step succeeds when the checks ran, whatever they found;
/// a node that could not run them keeps its earlier items.
/// </summary>
internal static class ComplianceCheckStep
{
    public static async Task RunAsync(NodeSession session, ComplianceCheckPlan plan, NodeCommandStepResult r, StepContext context, IComplianceSink sink,
        TimeSpan timeout, CancellationToken ct)
    {
        var checks = plan.Checks.Select(c => new System.Collections.Hashtable { ["Name"] = c.Name, ["Suite"] = c.Suite, ["Kind"] = c.Kind.ToString(), ["Text"] = c.Text }).ToArray();
        var result = await session.InvokeAsync(ps => ps.AddScript(ComplianceCheckScripts.Run).AddParameter("Checks", checks), timeout, ct).ConfigureAwait(false);
        if (!StepRunner.ApplyTransferResult(result, r, "")) return;
        var now = DateTime.UtcNow;
        var summary = new System.Text.StringBuilder();
        foreach (var (suite, items) in ComplianceCheckResults.ToItems(result.Output, plan.Checks, plan.ErrorSeverity))
        {
            sink.ReplaceItems(context.NodeId, ComplianceRules.CheckPrefix + suite, items, context.CommandId ?? "", now);
            var failing = items.Where(i => i.Status == ComplianceStatus.NonCompliant).ToList();
            summary.AppendLine($"{ComplianceRules.CheckPrefix}{suite}: {items.Count} item(s), {failing.Count} non-compliant");
            foreach (var f in failing) summary.AppendLine($"  {f.Id} ({f.Severity.ToString().ToUpperInvariant()}): {f.Title}");
        }
        r.StandardOutput = summary.ToString();
    }
}

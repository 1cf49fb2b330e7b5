using System.Collections;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Core.Automation;

/// <summary>
/// aws:runCommand: a Command document on targets through the Run Command engine (the same plan, rate
/// control and history as Invoke-NodeCommand). Targets: InstanceIds (ids or names), Tags (Key=Value),
/// or SSM's Targets (Key: tag:Name or InstanceIds, Values).
/// </summary>
internal static class RunCommandStep
{
    public static async Task<object?> RunAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        var catalog = ctx.Catalog;
        var name = ctx.Text("DocumentName")!;
        var colon = name.LastIndexOf(':');
        var version = ctx.Text("DocumentVersion") ?? (colon > 0 ? name[(colon + 1)..] : null);
        if (colon > 0) name = name[..colon];
        var planned = DocumentPlanner.PlanStored(catalog, name, version, (IDictionary)ctx.Map("Parameters"));
        // Secrets the runbook resolved reach the document as plain values: the command record and output mask them too.
        var secrets = planned.Secrets.Concat(ctx.Secrets).Distinct().ToList();
        var plan = new DocumentPlan
        {
            DocumentName = planned.DocumentName,
            DocumentVersion = planned.DocumentVersion,
            Parameters = planned.Parameters.ToDictionary(p => p.Key, p => (object)SecretMask.Apply(ParameterValues.Text(p.Value), secrets)),
            Steps = planned.Steps,
            Secrets = secrets,
        };
        var (ids, tags) = Targets(ctx);
        var targets = TargetResolver.Resolve(catalog.Nodes, ids, tags.Count == 0 ? null : TagFilter.ParseMany(tags.ToArray()));
        var request = new CommandRequest
        {
            Kind = CommandKind.Document,
            Text = plan.Reference,
            Plan = plan,
            Comment = ctx.Text("Comment") ?? $"automation {ctx.ExecutionId} step {ctx.Step.Name}",
            Targets = targets,
            TargetTags = tags,
            MaxConcurrency = RateLimit.ParseConcurrency(ctx.Text("MaxConcurrency") ?? "50"),
            MaxErrors = RateLimit.ParseErrors(ctx.Text("MaxErrors") ?? "0"),
            TimeoutSeconds = ctx.Number("TimeoutSeconds") ?? ctx.Step.TimeoutSeconds ?? 3600,
        };
        var runner = new NodeCommandRunner(catalog, ctx.Pool, ctx.Settings);
        var command = runner.Create(request);
        ctx.Record.CommandId = command.CommandId;
        ctx.Save();

        var results = new List<NodeCommandInvocation>();
        await runner.RunAsync(command, request, inv => { lock (results) results.Add(inv); }, null, ct).ConfigureAwait(false);
        var ordered = results.OrderBy(r => r.NodeName, StringComparer.OrdinalIgnoreCase).ToList();
        var ok = ordered.All(r => r.Status == InvocationStatus.Success);
        var output = new Dictionary<string, object?>
        {
            ["CommandId"] = command.CommandId,
            ["Status"] = ok ? "Success" : "Failed",
            ["Output"] = string.Concat(ordered.Select(r => r.StandardOutput)),
            ["ResponseCode"] = (long)(ordered.FirstOrDefault()?.ExitCode ?? -1),
            ["Nodes"] = ordered.Select(r => (object?)new Dictionary<string, object?>
            {
                ["NodeId"] = r.NodeId, ["NodeName"] = r.NodeName, ["Status"] = r.Status.ToString(),
                ["ExitCode"] = (long)(r.ExitCode ?? -1), ["Output"] = r.StandardOutput,
            }).ToList(),
        };
        ct.ThrowIfCancellationRequested();
        if (!ok)
        {
            var bad = ordered.Where(r => r.Status != InvocationStatus.Success).ToList();
            throw new StepFailedException(bad[0].ErrorId ?? ErrorIds.CommandFailed,
                $"Run Command {command.CommandId} failed on {bad.Count} of {ordered.Count} node(s): " +
                string.Join("; ", bad.Take(3).Select(r => $"{r.NodeName}: {r.Status}{(r.StatusDetails is null ? "" : " (" + r.StatusDetails + ")")}")))
            { Result = output };
        }
        return output;
    }

    private static (List<string> Ids, List<string> Tags) Targets(AutomationStepContext ctx)
    {
        var ids = ctx.List("InstanceIds").Concat(ctx.List("NodeIds")).ToList();
        var tags = ctx.List("Tags").ToList();
        if (ctx.Inputs.TryGetValue("Targets", out var t) && t is IEnumerable list and not string)
        {
            foreach (var item in list)
            {
                if (item is not Dictionary<string, object?> target || !target.TryGetValue("Key", out var k))
                    throw ctx.Invalid("each of Targets is a map with Key and Values.");
                var key = ParameterValues.Text(k);
                var values = target.TryGetValue("Values", out var v) && v is IEnumerable vs and not string
                    ? vs.Cast<object?>().Select(ParameterValues.Text).ToList() : new List<string> { ParameterValues.Text(v) };
                if (key == "InstanceIds") ids.AddRange(values);
                else if (key.StartsWith("tag:", StringComparison.Ordinal) && values.Count == 1) tags.Add($"{key[4..]}={values[0]}");
                else throw ctx.Invalid($"Targets key '{key}' is not InstanceIds or tag:<name> with one value.");
            }
        }
        if (ids.Count == 0 && tags.Count == 0) throw ctx.Invalid("aws:runCommand needs InstanceIds, Tags or Targets.");
        return (ids, tags);
    }
}

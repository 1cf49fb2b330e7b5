using NodeOps.Core.Documents;

namespace NodeOps.Core.Automation;

/// <summary>
/// Reads the runbook parts of a schemaVersion 0.3 document (flow, outputs, retries, branch choices, each
/// action's inputs). <see cref="DocumentReader"/> calls <see cref="Check"/> so that a bad runbook is refused
/// at import with every problem located; the runner calls <see cref="Read"/> on a stored, valid one.
/// </summary>
public static class RunbookReader
{
    public static Runbook Read(string name, int version, DocumentDefinition definition)
    {
        var problems = new DocumentProblems(name);
        var runbook = Parse(name, version, definition.Root, definition.Parameters, problems);
        problems.ThrowIfAny();
        return runbook;
    }

    internal static void Check(DocMap root, IReadOnlyList<DocumentParameter> parameters, DocumentProblems problems) =>
        Parse("", 0, root, parameters, problems);

    private static Runbook Parse(string name, int version, DocMap root, IReadOnlyList<DocumentParameter> parameters, DocumentProblems problems)
    {
        var items = (root["mainSteps"] as DocList)?.Items.OfType<DocMap>().ToList() ?? new List<DocMap>();
        var names = items.Select(i => (i["name"] as DocScalar)?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var steps = items.Select(i => ReadStep(i, names, problems)).OfType<RunbookStep>().ToList();
        CheckOutputReferences(root, steps, problems);
        var outputs = new List<string>();
        if (root["outputs"] is { } o)
        {
            if (o is DocList list && list.Items.All(i => i is DocScalar)) outputs.AddRange(list.Items.Cast<DocScalar>().Select(s => s.Value));
            else problems.Add(o, "'outputs' must be a list of step outputs written as stepName.OutputName.");
            foreach (var s in (o as DocList)?.Items.OfType<DocScalar>() ?? Enumerable.Empty<DocScalar>())
                if (!Publishes(steps, s.Value)) problems.Add(s, $"output '{s.Value}' names no output of a step (write stepName.OutputName).");
        }
        return new Runbook { Name = name, Version = version, Parameters = parameters, Steps = steps, Outputs = outputs };
    }

    private static RunbookStep? ReadStep(DocMap step, HashSet<string> names, DocumentProblems problems)
    {
        var nameNode = step["name"] as DocScalar;
        var actionNode = step["action"] as DocScalar;
        if (nameNode is null || actionNode is null) return null; // already reported by DocumentReader
        var label = nameNode.Value;
        if (RunbookActions.IsNotYetSupported(actionNode.Value))
        {
            problems.Add(actionNode, $"step '{label}': {actionNode.Value} is not supported by NodeOps yet (supported: {string.Join(", ", RunbookActions.Names)}).");
            return null;
        }
        if (RunbookActions.For(actionNode.Value) is not { } action) return null; // unknown: already reported
        var inputs = step["inputs"] as DocMap ?? new DocMap { Mark = step.Mark };
        foreach (var required in RunbookActions.RequiredInputs(action).Where(r => !inputs.Has(r)))
            problems.Add(inputs, $"step '{label}': {actionNode.Value} requires input '{required}'.");

        StepTransition Transition(string key, bool allowContinue)
        {
            if (step[key] is not { } node) return StepTransition.Abort;
            var text = (node as DocScalar)?.Value ?? "";
            if (text == "Abort") return StepTransition.Abort;
            if (text == "Continue" && allowContinue) return new StepTransition(StepTransitionKind.Continue);
            if (text.StartsWith("step:", StringComparison.Ordinal) && text.Length > 5)
            {
                var target = text[5..];
                if (!names.Contains(target)) problems.Add(node, $"step '{label}': {key} names step '{target}', which this runbook does not have.");
                return new StepTransition(StepTransitionKind.Step, target);
            }
            problems.Add(node, $"step '{label}': {key} must be Abort{(allowContinue ? ", Continue" : "")} or step:<name>.");
            return StepTransition.Abort;
        }

        int Count(string key, int fallback, int min)
        {
            if (step[key] is not { } node) return fallback;
            if (node is DocScalar s && int.TryParse(s.Value, out var n) && n >= min) return n;
            problems.Add(node, $"step '{label}': {key} must be a whole number of at least {min}.");
            return fallback;
        }

        bool Flag(string key, bool fallback)
        {
            if (step[key] is not { } node) return fallback;
            if (node is DocScalar s && bool.TryParse(s.Value, out var b)) return b;
            problems.Add(node, $"step '{label}': {key} must be true or false.");
            return fallback;
        }

        string? nextStep = null;
        if (step["nextStep"] is { } ns)
        {
            nextStep = (ns as DocScalar)?.Value;
            if (nextStep is null || !names.Contains(nextStep))
                problems.Add(ns, $"step '{label}': nextStep '{nextStep}' names no step of this runbook.");
        }

        var timeout = step["timeoutSeconds"] is DocScalar ts && int.TryParse(ts.Value, out var t) && t > 0 ? t : (int?)null;
        CheckInputs(action, inputs, label, problems);
        return new RunbookStep
        {
            Name = label,
            ActionName = actionNode.Value,
            Action = action,
            Inputs = inputs,
            Outputs = ReadOutputs(step["outputs"], label, problems),
            OnFailure = Transition("onFailure", allowContinue: true),
            OnCancel = Transition("onCancel", allowContinue: false),
            MaxAttempts = Count("maxAttempts", 1, 1),
            TimeoutSeconds = timeout,
            IsCritical = Flag("isCritical", true),
            IsEnd = Flag("isEnd", false),
            NextStep = nextStep,
            Branch = action == RunbookAction.Branch ? ReadBranch(inputs, names, label, problems) : null,
            Mark = step.Mark,
        };
    }

    private static List<RunbookOutput> ReadOutputs(DocNode? node, string step, DocumentProblems problems)
    {
        var result = new List<RunbookOutput>();
        if (node is null) return result;
        if (node is not DocList list)
        {
            problems.Add(node, $"step '{step}': outputs must be a list of Name, Selector and Type.");
            return result;
        }
        foreach (var item in list.Items)
        {
            if (item is not DocMap map)
            {
                problems.Add(item, $"step '{step}': each output is a map with Name, Selector and Type.");
                continue;
            }
            var name = map["Name"] as DocScalar;
            var selector = map["Selector"] as DocScalar;
            var type = map["Type"] as DocScalar;
            if (name is null || selector is null || type is null)
            {
                problems.Add(map, $"step '{step}': an output needs Name, Selector and Type.");
                continue;
            }
            if (!OutputSelector.IsValid(selector.Value))
                problems.Add(selector, $"step '{step}': output '{name.Value}': selector '{selector.Value}' is not of the form $.a.b or $.list[0].");
            if (!Enum.TryParse<RunbookOutputType>(type.Value, ignoreCase: false, out var t) || int.TryParse(type.Value, out _))
            {
                problems.Add(type, $"step '{step}': output '{name.Value}': type '{type.Value}' is not one of {string.Join(", ", Enum.GetNames<RunbookOutputType>())}.");
                continue;
            }
            if (result.Any(r => r.Name == name.Value)) problems.Add(name, $"step '{step}': output '{name.Value}' is declared twice.");
            result.Add(new RunbookOutput(name.Value, selector.Value, t));
        }
        return result;
    }

    private static BranchRule? ReadBranch(DocMap inputs, HashSet<string> names, string step, DocumentProblems problems)
    {
        var choices = new List<BranchChoice>();
        if (inputs["Choices"] is { } node && node is not DocList) problems.Add(node, $"step '{step}': Choices must be a list.");
        foreach (var item in (inputs["Choices"] as DocList)?.Items ?? new List<DocNode>())
        {
            if (item is not DocMap choice)
            {
                problems.Add(item, $"step '{step}': a choice is a map with NextStep and a condition.");
                continue;
            }
            var next = choice["NextStep"] as DocScalar;
            if (next is null) problems.Add(choice, $"step '{step}': a choice needs NextStep.");
            else if (!names.Contains(next.Value)) problems.Add(next, $"step '{step}': NextStep '{next.Value}' names no step of this runbook.");
            var condition = ReadCondition(choice, step, problems, skip: "NextStep");
            if (next is not null && condition is not null) choices.Add(new BranchChoice(next.Value, condition));
        }
        string? fallback = null;
        if (inputs["Default"] is { } d)
        {
            fallback = (d as DocScalar)?.Value;
            if (fallback is null || !names.Contains(fallback)) problems.Add(d, $"step '{step}': Default '{fallback}' names no step of this runbook.");
        }
        return new BranchRule { Choices = choices, Default = fallback };
    }

    private static BranchCondition? ReadCondition(DocMap map, string step, DocumentProblems problems, string? skip = null)
    {
        var keys = map.Entries.Select(e => e.Key).Where(k => k.Value != skip).ToList();
        if (map["And"] is { } and) return Group(and, "And", l => new AllOf(l));
        if (map["Or"] is { } or) return Group(or, "Or", l => new AnyOf(l));
        if (map["Not"] is { } not)
        {
            if (not is DocMap inner && ReadCondition(inner, step, problems) is { } c) return new NotCondition(c);
            if (not is not DocMap) problems.Add(not, $"step '{step}': Not holds one condition (a map).");
            return null;
        }
        var variable = map["Variable"];
        var ops = keys.Where(k => k.Value != "Variable").ToList();
        if (variable is null || ops.Count != 1)
        {
            problems.Add(map, $"step '{step}': a condition is Variable with one of {string.Join(", ", Comparison.Operators)}, or And/Or/Not.");
            return null;
        }
        var op = ops[0];
        if (!Comparison.Operators.Contains(op.Value))
        {
            problems.Add(op, $"step '{step}': '{op.Value}' is not an operator (use {string.Join(", ", Comparison.Operators)}).");
            return null;
        }
        var operand = map[op.Value]!;
        if (operand is not DocScalar os)
        {
            problems.Add(operand, $"step '{step}': {op.Value} compares with one value.");
            return null;
        }
        if (Comparison.IsNumeric(op.Value) && TemplateText.WholeReference(os.Value) is null && !decimal.TryParse(os.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            problems.Add(os, $"step '{step}': {op.Value} needs a number, not '{os.Value}'.");
        if (op.Value == "BooleanEquals" && TemplateText.WholeReference(os.Value) is null && !bool.TryParse(os.Value, out _))
            problems.Add(os, $"step '{step}': BooleanEquals needs true or false, not '{os.Value}'.");
        return new Comparison(variable, op.Value, operand);

        BranchCondition? Group(DocNode node, string name, Func<IReadOnlyList<BranchCondition>, BranchCondition> make)
        {
            if (node is not DocList { Items.Count: > 0 } list)
            {
                problems.Add(node, $"step '{step}': {name} holds a list of conditions.");
                return null;
            }
            var items = list.Items.Select(i => i is DocMap m ? ReadCondition(m, step, problems) : Bad(i)).ToList();
            return items.All(i => i is not null) ? make(items!) : null;
        }

        BranchCondition? Bad(DocNode at)
        {
            problems.Add(at, $"step '{step}': a condition is a map.");
            return null;
        }
    }

    private static void CheckInputs(RunbookAction action, DocMap inputs, string step, DocumentProblems problems)
    {
        switch (action)
        {
            case RunbookAction.Sleep:
                var duration = inputs["Duration"] as DocScalar;
                var timestamp = inputs["Timestamp"] as DocScalar;
                if ((duration is null) == (timestamp is null))
                    problems.Add(inputs, $"step '{step}': aws:sleep needs either Duration (ISO 8601, e.g. PT10S) or Timestamp.");
                else if (duration is not null && TemplateText.WholeReference(duration.Value) is null && WaitTimes.Duration(duration.Value) is null)
                    problems.Add(duration, $"step '{step}': Duration '{duration.Value}' is not an ISO 8601 duration such as PT10S or P1DT2H.");
                else if (timestamp is not null && TemplateText.WholeReference(timestamp.Value) is null && WaitTimes.Timestamp(timestamp.Value) is null)
                    problems.Add(timestamp, $"step '{step}': Timestamp '{timestamp.Value}' is not an ISO 8601 time such as 2026-07-07T15:55:00Z.");
                break;
            case RunbookAction.Approve:
                if (inputs["MinRequiredApprovals"] is DocScalar min && TemplateText.WholeReference(min.Value) is null && !(int.TryParse(min.Value, out var m) && m >= 1))
                    problems.Add(min, $"step '{step}': MinRequiredApprovals must be a whole number of at least 1.");
                break;
            case RunbookAction.WaitForNodeState:
                if (inputs["State"] is DocScalar state && TemplateText.WholeReference(state.Value) is null && state.Value is not ("online" or "offline"))
                    problems.Add(state, $"step '{step}': State must be online or offline, not '{state.Value}'.");
                break;
            case RunbookAction.ExecuteScript:
                if (inputs["Runtime"] is DocScalar runtime && !ScriptRuntimes.IsKnown(runtime.Value))
                    problems.Add(runtime, $"step '{step}': Runtime '{runtime.Value}' is not PowerShell (PowerShell 7.4, PowerShell Core 6.0) or python3.x.");
                break;
        }
    }

    /// <summary>Every <c>{{ step.Output }}</c> must name an output that step declares or its action publishes.</summary>
    private static void CheckOutputReferences(DocMap root, List<RunbookStep> steps, DocumentProblems problems)
    {
        foreach (var scalar in new[] { root["mainSteps"], root["outputs"] }.SelectMany(TemplateText.Scalars))
            foreach (var reference in TemplateText.References(scalar.Value))
            {
                var dot = reference.IndexOf('.');
                if (dot <= 0 || TemplateText.IsParameterStoreReference(reference) || reference.Contains(':')) continue;
                if (steps.All(s => s.Name != reference[..dot])) continue; // DocumentReader reports unknown names
                if (!Publishes(steps, reference))
                    problems.Add(scalar, $"{{{{ {reference} }}}}: step '{reference[..dot]}' has no output '{reference[(dot + 1)..]}'.");
            }
    }

    private static bool Publishes(List<RunbookStep> steps, string reference)
    {
        var dot = reference.IndexOf('.');
        if (dot <= 0) return false;
        var step = steps.FirstOrDefault(s => s.Name == reference[..dot]);
        var output = reference[(dot + 1)..];
        return step is not null && (step.Outputs.Any(o => o.Name == output) || RunbookActions.BuiltInOutputs(step.Action).Contains(output));
    }
}

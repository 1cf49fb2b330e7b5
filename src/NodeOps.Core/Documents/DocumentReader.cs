using System.Text.RegularExpressions;

namespace NodeOps.Core.Documents;

/// <summary>
/// Reads SSM-shaped document text into a <see cref="DocumentDefinition"/>, checking everything that can
/// be checked without running it. Every problem is reported with its line and column, all at once.
/// </summary>
public static class DocumentReader
{
    private static readonly Regex StepName = new(@"^[a-zA-Z0-9_.-]{1,128}$");
    // Schema 1.2 step ids name their plugin: "0.aws:runShellScript".
    private static readonly Regex LegacyStepName = new(@"^[a-zA-Z0-9_.:-]{1,128}$");
    private static readonly Regex ParameterName = new(@"^[a-zA-Z0-9_]{1,128}$");
    private static readonly string[] Platforms = { "Linux", "Windows", "MacOS" };
    private static readonly string[] SessionTypes = { "Standard_Stream", "InteractiveCommands", "NonInteractiveCommands", "Port" };

    private static readonly Dictionary<string, DocumentType> SchemaTypes = new()
    {
        ["2.2"] = DocumentType.Command, ["1.2"] = DocumentType.Command, ["2.0"] = DocumentType.Policy,
        ["0.3"] = DocumentType.Automation, ["1.0"] = DocumentType.Session,
    };

    private static readonly HashSet<string> TopLevelKeys = new()
    {
        "schemaVersion", "description", "parameters", "mainSteps", "runtimeConfig", "assumeRole", "outputs", "files",
        "sessionType", "inputs", "properties",
    };

    private static readonly HashSet<string> StepKeys = new()
    {
        "action", "name", "inputs", "precondition", "onFailure", "onSuccess", "onCancel", "isEnd", "finallyStep",
        "timeoutSeconds", "maxAttempts", "isCritical", "nextStep", "outputs", "description",
    };

    private static readonly HashSet<string> ParameterKeys = new()
    {
        "type", "description", "default", "allowedValues", "allowedPattern", "displayType", "minItems", "maxItems", "minChars", "maxChars",
    };

    public static DocumentDefinition Read(string text, string source, DocumentType? declaredType = null)
    {
        var problems = new DocumentProblems(source);
        var tree = DocumentSyntax.Parse(text, source);
        if (tree is not DocMap root)
        {
            problems.Add(tree, "a document is a map with schemaVersion, parameters and steps.");
            problems.ThrowIfAny();
            throw new InvalidOperationException();
        }

        foreach (var key in root.Entries.Select(e => e.Key).Where(k => !TopLevelKeys.Contains(k.Value)))
            problems.Add(key, $"unknown top-level field '{key.Value}'.");

        var schema = Scalar(root, "schemaVersion", problems, required: true);
        var type = declaredType ?? DocumentType.Command;
        if (schema is not null)
        {
            if (!SchemaTypes.TryGetValue(schema.Value, out var implied))
                problems.Add(schema, $"schemaVersion '{schema.Value}' is not supported (use 2.2 or 1.2 for Command, 0.3 for Automation, 1.0 for Session, 2.0 for Policy).");
            else if (declaredType is null) type = implied;
            else if (!Compatible(declaredType.Value, schema.Value))
                problems.Add(schema, $"schemaVersion '{schema.Value}' does not fit a {declaredType} document.");
        }

        var parameters = ReadParameters(root["parameters"], problems);
        var steps = new List<DocumentStep>();
        string? sessionType = null;
        switch (type)
        {
            case DocumentType.Session:
                var st = Scalar(root, "sessionType", problems, required: true);
                if (st is not null && !SessionTypes.Contains(st.Value))
                    problems.Add(st, $"sessionType '{st.Value}' is not one of {string.Join(", ", SessionTypes)}.");
                sessionType = st?.Value;
                break;
            case DocumentType.Command when schema?.Value == "1.2":
                steps = ReadRuntimeConfig(root, problems);
                break;
            default:
                steps = ReadMainSteps(root, type, problems);
                break;
        }

        CheckReferences(root, parameters, steps, type, problems);
        if (type == DocumentType.Automation) Automation.RunbookReader.Check(root, parameters, problems);
        problems.ThrowIfAny();
        return new DocumentDefinition
        {
            SchemaVersion = schema!.Value,
            DocumentType = type,
            Format = DocumentSyntax.DetectFormat(text),
            Description = (root["description"] as DocScalar)?.Value,
            Parameters = parameters,
            Steps = steps,
            SessionType = sessionType,
            Root = root,
        };
    }

    private static bool Compatible(DocumentType type, string schema) => type switch
    {
        DocumentType.Command => schema is "2.2" or "1.2" or "2.0",
        DocumentType.Policy => schema is "2.0" or "2.2",
        DocumentType.Automation => schema == "0.3",
        DocumentType.Session => schema == "1.0",
        _ => false,
    };

    private static DocScalar? Scalar(DocMap map, string key, DocumentProblems problems, bool required)
    {
        var node = map[key];
        if (node is null)
        {
            if (required) problems.Add(map, $"'{key}' is required.");
            return null;
        }
        if (node is DocScalar s && !s.IsNull) return s;
        problems.Add(node, $"'{key}' must be a single value.");
        return null;
    }

    private static List<DocumentParameter> ReadParameters(DocNode? node, DocumentProblems problems)
    {
        var result = new List<DocumentParameter>();
        if (node is null) return result;
        if (node is not DocMap map)
        {
            problems.Add(node, "'parameters' must be a map of parameter names to definitions.");
            return result;
        }
        foreach (var (key, body) in map.Entries)
        {
            if (!ParameterName.IsMatch(key.Value)) problems.Add(key, $"parameter name '{key.Value}' may hold only letters, digits and _.");
            if (body is not DocMap def)
            {
                problems.Add(body, $"parameter '{key.Value}' must be a map with at least 'type'.");
                continue;
            }
            foreach (var k in def.Entries.Select(e => e.Key).Where(k => !ParameterKeys.Contains(k.Value)))
                problems.Add(k, $"parameter '{key.Value}': unknown field '{k.Value}'.");
            var typeNode = Scalar(def, "type", problems, required: true);
            if (typeNode is null) continue;
            if (!Enum.TryParse<DocumentParameterType>(typeNode.Value, ignoreCase: false, out var type) || int.TryParse(typeNode.Value, out _))
            {
                problems.Add(typeNode, $"parameter '{key.Value}': type '{typeNode.Value}' is not one of {string.Join(", ", Enum.GetNames<DocumentParameterType>())}.");
                continue;
            }

            var allowed = new List<string>();
            if (def["allowedValues"] is { } av)
            {
                if (av is DocList list && list.Items.All(i => i is DocScalar)) allowed.AddRange(list.Items.Cast<DocScalar>().Select(s => s.Value));
                else problems.Add(av, $"parameter '{key.Value}': allowedValues must be a list of values.");
            }
            string? pattern = null;
            if (def["allowedPattern"] is DocScalar ap)
            {
                try
                {
                    _ = new Regex(ap.Value);
                    pattern = ap.Value;
                }
                catch (ArgumentException ex)
                {
                    problems.Add(ap, $"parameter '{key.Value}': allowedPattern is not a valid regular expression ({ex.Message}).");
                }
            }
            var parameter = new DocumentParameter
            {
                Name = key.Value,
                Type = type,
                Description = (def["description"] as DocScalar)?.Value,
                AllowedValues = allowed,
                AllowedPattern = pattern,
                MinItems = Count(def, "minItems", key.Value, problems),
                MaxItems = Count(def, "maxItems", key.Value, problems),
                Mark = key.Mark,
            };
            if (def["default"] is { } defaultNode)
            {
                var (value, error) = ParameterValues.Convert(ParameterValues.Plain(defaultNode), type);
                // A default that is itself a Parameter Store reference is checked when it is resolved.
                var isReference = defaultNode is DocScalar ds && TemplateText.WholeReference(ds.Value) is not null;
                if (error is null && value is not null && !isReference && ParameterValues.CheckConstraints(parameter, value) is { } bad) error = bad;
                if (error is not null && !isReference) problems.Add(defaultNode, $"parameter '{key.Value}': the default {error}.");
                parameter = new DocumentParameter
                {
                    Name = parameter.Name, Type = type, Description = parameter.Description, AllowedValues = allowed,
                    AllowedPattern = pattern, MinItems = parameter.MinItems, MaxItems = parameter.MaxItems, Mark = key.Mark,
                    Default = value, HasDefault = true,
                };
            }
            result.Add(parameter);
        }
        return result;
    }

    private static int? Count(DocMap def, string key, string parameter, DocumentProblems problems)
    {
        if (def[key] is not { } node) return null;
        if (node is DocScalar s && int.TryParse(s.Value, out var n) && n >= 0) return n;
        problems.Add(node, $"parameter '{parameter}': {key} must be a whole number.");
        return null;
    }

    private static List<DocumentStep> ReadMainSteps(DocMap root, DocumentType type, DocumentProblems problems)
    {
        var steps = new List<DocumentStep>();
        var node = root["mainSteps"];
        if (node is null)
        {
            problems.Add(root, "'mainSteps' is required: a list of steps.");
            return steps;
        }
        if (node is not DocList list || list.Items.Count == 0)
        {
            problems.Add(node, "'mainSteps' must be a non-empty list of steps.");
            return steps;
        }
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is not DocMap step)
            {
                problems.Add(list.Items[i], "a step must be a map with 'action' and 'name'.");
                continue;
            }
            if (ReadStep(step, type, isLast: i == list.Items.Count - 1, problems) is { } s) steps.Add(s);
        }
        CheckUniqueNames(steps, problems);
        return steps;
    }

    private static DocumentStep? ReadStep(DocMap step, DocumentType type, bool isLast, DocumentProblems problems, bool legacy = false)
    {
        foreach (var k in step.Entries.Select(e => e.Key).Where(k => !StepKeys.Contains(k.Value)))
            problems.Add(k, $"unknown step field '{k.Value}'.");
        var name = Scalar(step, "name", problems, required: true);
        var actionNode = Scalar(step, "action", problems, required: true);
        var label = name?.Value ?? "(unnamed)";
        if (name is not null && !(legacy ? LegacyStepName : StepName).IsMatch(name.Value))
            problems.Add(name, $"step name '{name.Value}' may hold only letters, digits, _, - and . (at most 128).");
        if (actionNode is null) return null;

        StepAction action;
        if (type == DocumentType.Automation)
        {
            if (!DocumentActions.IsAutomation(actionNode.Value))
                problems.Add(actionNode, $"step '{label}': action '{actionNode.Value}' is not a runbook action NodeOps knows.");
            action = StepAction.Automation;
        }
        else if (DocumentActions.ForCommand(actionNode.Value) is { } known)
        {
            action = known;
        }
        else
        {
            problems.Add(actionNode, $"step '{label}': action '{actionNode.Value}' is not supported (supported: {string.Join(", ", DocumentActions.CommandActionNames)}).");
            return null;
        }

        var inputs = step["inputs"] as DocMap;
        if (step["inputs"] is { } rawInputs && inputs is null) problems.Add(rawInputs, $"step '{label}': 'inputs' must be a map.");
        inputs ??= new DocMap { Mark = step.Mark };
        foreach (var required in DocumentActions.RequiredInputs(action).Where(r => !inputs.Has(r)))
            problems.Add(inputs, $"step '{label}': {actionNode.Value} requires input '{required}'.");

        if (action is StepAction.RunShellScript or StepAction.RunPowerShellScript && inputs["runCommand"] is { } rc
            && !(rc is DocScalar || rc is DocList l && l.Items.All(i => i is DocScalar)))
            problems.Add(rc, $"step '{label}': runCommand must be a string or a list of strings (quote a line that holds ': ' or starts with '{{').");

        // SSM puts onFailure/onSuccess/finallyStep among a command step's inputs; runbooks put them on the step.
        DocNode? Flow(string key) => step[key] ?? (type == DocumentType.Automation ? null : inputs[key]);
        var onFailure = StepFailureAction.Continue;
        if (Flow("onFailure") is DocScalar of && type != DocumentType.Automation)
        {
            onFailure = of.Value switch
            {
                "exit" => StepFailureAction.Exit,
                "successAndExit" => StepFailureAction.SuccessAndExit,
                _ => Bad(of, $"step '{label}': onFailure must be 'exit' or 'successAndExit'."),
            };
        }
        var exitAfter = false;
        if (Flow("onSuccess") is DocScalar os && type != DocumentType.Automation)
        {
            if (os.Value == "exit") exitAfter = true;
            else problems.Add(os, $"step '{label}': onSuccess must be 'exit'.");
        }
        if (Flow("isEnd") is { } ie) exitAfter |= Bool(ie, "isEnd");
        var finallyNode = Flow("finallyStep");
        var isFinally = finallyNode is not null && Bool(finallyNode, "finallyStep");
        if (isFinally && !isLast) problems.Add(finallyNode, $"step '{label}': only the last step can be the finallyStep.");

        var timeout = Flow("timeoutSeconds");
        if (timeout is not null && !(timeout is DocScalar ts && (int.TryParse(ts.Value, out var t) && t > 0 || TemplateText.WholeReference(ts.Value) is not null)))
            problems.Add(timeout, $"step '{label}': timeoutSeconds must be a positive whole number.");

        return new DocumentStep
        {
            Name = name?.Value ?? "",
            ActionName = actionNode.Value,
            Action = action,
            Inputs = inputs,
            Precondition = ReadPrecondition(step["precondition"], label, problems),
            OnFailure = onFailure,
            ExitAfter = exitAfter,
            IsFinally = isFinally,
            TimeoutSeconds = timeout,
            Mark = step.Mark,
        };

        StepFailureAction Bad(DocNode at, string message)
        {
            problems.Add(at, message);
            return StepFailureAction.Continue;
        }

        bool Bool(DocNode n, string key)
        {
            if (n is DocScalar b && bool.TryParse(b.Value, out var v)) return v;
            problems.Add(n, $"step '{label}': {key} must be true or false.");
            return false;
        }
    }

    private static (DocNode, DocNode)? ReadPrecondition(DocNode? node, string step, DocumentProblems problems)
    {
        if (node is null) return null;
        if (node is DocMap { Entries.Count: 1 } map && map["StringEquals"] is DocList { Items.Count: 2 } pair
            && pair.Items.All(i => i is DocScalar))
        {
            var left = (DocScalar)pair.Items[0];
            var right = (DocScalar)pair.Items[1];
            if (left.Value == "platformType" && !Platforms.Contains(right.Value))
                problems.Add(right, $"step '{step}': platformType is compared with {string.Join(", ", Platforms)}, not '{right.Value}'.");
            return (left, right);
        }
        problems.Add(node, $"step '{step}': precondition must be StringEquals: [platformType, Linux|Windows|MacOS] (or two values to compare).");
        return null;
    }

    /// <summary>Schema 1.2: runtimeConfig maps each plugin to its properties (an object or a list of them), each becoming a step.</summary>
    private static List<DocumentStep> ReadRuntimeConfig(DocMap root, DocumentProblems problems)
    {
        var steps = new List<DocumentStep>();
        if (root["runtimeConfig"] is not DocMap config || config.Entries.Count == 0)
        {
            problems.Add(root["runtimeConfig"] ?? root, "schema 1.2 requires 'runtimeConfig': a map of plugins to their properties.");
            return steps;
        }
        foreach (var (plugin, body) in config.Entries)
        {
            var props = (body as DocMap)?["properties"];
            var items = props switch { DocList l => l.Items, DocMap m => new List<DocNode> { m }, _ => null };
            if (items is null)
            {
                problems.Add(body, $"plugin '{plugin.Value}' needs 'properties' (a map or a list of maps).");
                continue;
            }
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not DocMap p) continue;
                var id = (p["id"] as DocScalar)?.Value ?? (items.Count == 1 ? plugin.Value.Replace("aws:", "") : $"{plugin.Value.Replace("aws:", "")}{i}");
                var inputs = new DocMap { Mark = p.Mark, Entries = p.Entries.Where(e => e.Key.Value != "id").ToList() };
                var synthetic = new DocMap
                {
                    Mark = p.Mark,
                    Entries =
                    {
                        new(new DocScalar { Value = "action", Mark = plugin.Mark }, new DocScalar { Value = plugin.Value, Mark = plugin.Mark }),
                        new(new DocScalar { Value = "name", Mark = p.Mark }, new DocScalar { Value = id, Mark = p.Mark, Quoted = true }),
                        new(new DocScalar { Value = "inputs", Mark = p.Mark }, inputs),
                    },
                };
                if (ReadStep(synthetic, DocumentType.Command, isLast: false, problems, legacy: true) is { } s) steps.Add(s);
            }
        }
        CheckUniqueNames(steps, problems);
        return steps;
    }

    private static void CheckUniqueNames(List<DocumentStep> steps, DocumentProblems problems)
    {
        foreach (var dup in steps.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Key != "" && g.Count() > 1))
            problems.Add(new DocScalar { Mark = dup.Skip(1).First().Mark }, $"step name '{dup.Key}' is used by {dup.Count()} steps; step names must be unique.");
    }

    private static void CheckReferences(DocMap root, IReadOnlyList<DocumentParameter> parameters, List<DocumentStep> steps,
        DocumentType type, DocumentProblems problems)
    {
        var names = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var stepNames = steps.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var scope = new[] { "mainSteps", "runtimeConfig", "inputs", "properties", "outputs" }.Select(k => root[k]);
        foreach (var scalar in scope.SelectMany(TemplateText.Scalars))
        {
            foreach (var reference in TemplateText.References(scalar.Value))
            {
                if (names.Contains(reference) || TemplateText.IsParameterStoreReference(reference)) continue;
                if (type == DocumentType.Automation && (reference.StartsWith("global:", StringComparison.Ordinal)
                    || reference.StartsWith("automation:", StringComparison.Ordinal)
                    || reference.Contains('.') && stepNames.Contains(reference[..reference.IndexOf('.')])))
                    continue;
                problems.Add(scalar, $"{{{{ {reference} }}}} names no parameter of this document.");
            }
        }
    }
}

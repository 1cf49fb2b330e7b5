using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Documents;

/// <summary>Turns a command document and invoke-time parameters into a <see cref="DocumentPlan"/>, failing before anything is sent.</summary>
public sealed class DocumentPlanner
{
    /// <summary>SSM allows aws:runDocument to nest three levels deep.</summary>
    public const int MaxDepth = 3;
    private readonly IDocumentSource _source;
    private readonly IParameterReferenceResolver? _parameters;
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public DocumentPlanner(IDocumentSource source, IParameterReferenceResolver? parameters = null)
    {
        _source = source;
        _parameters = parameters;
    }

    /// <summary>Resolves a stored document (a version, or $DEFAULT when none is given) and plans it against the catalog's documents and parameters.</summary>
    public static DocumentPlan PlanStored(Catalog.NodeCatalog catalog, string name, string? version, IDictionary? parameters)
    {
        var (record, definition) = catalog.Documents.Resolve(name, version);
        return new DocumentPlanner(catalog.Documents, catalog.Parameters).Plan(record, definition, parameters);
    }

    public DocumentPlan Plan(NodeDocument record, DocumentDefinition definition, IDictionary? parameters)
    {
        if (definition.DocumentType is not (DocumentType.Command or DocumentType.Policy))
            throw new NodeOpsException(ErrorIds.DocumentTypeNotRunnable, ErrorCategory.InvalidOperation, record.Name,
                $"{record.Name} is a {definition.DocumentType} document; Invoke-NodeCommand runs Command documents.");
        var bound = ParameterBinder.Bind(record.Name, definition.Parameters, parameters);
        return new DocumentPlan
        {
            DocumentName = record.Name,
            DocumentVersion = record.Version,
            Parameters = bound,
            Steps = PlanSteps(record.Name, definition, bound, new List<string> { record.Name }),
            Secrets = _secrets.ToList(),
        };
    }

    private List<PlannedStep> PlanSteps(string documentName, DocumentDefinition definition, IReadOnlyDictionary<string, object> bound, List<string> chain)
    {
        var values = new Interpolator(documentName, bound, _parameters, _secrets);
        return definition.Steps.Select(step => PlanStep(documentName, step, values, chain)).ToList();
    }

    private PlannedStep PlanStep(string documentName, DocumentStep step, Interpolator values, List<string> chain)
    {
        var inputs = step.Inputs;
        string? Text(string key) => inputs[key] is { } n ? values.Text(n) : null;
        var precondition = step.Precondition is { } p ? (values.Text(p.Left), values.Text(p.Right)) : ((string, string)?)null;
        var common = new PlannedStep
        {
            Name = step.Name,
            ActionName = step.ActionName,
            Action = step.Action,
            Precondition = precondition,
            TimeoutSeconds = Timeout(step, values),
            OnFailure = step.OnFailure,
            ExitAfter = step.ExitAfter,
            IsFinally = step.IsFinally,
            WorkingDirectory = NullIfEmpty(Text("workingDirectory")),
        };

        switch (step.Action)
        {
            case StepAction.RunShellScript or StepAction.RunPowerShellScript:
                return With(common, script: Lines(values.Resolve(inputs["runCommand"])));
            case StepAction.CopyFile:
            {
                var (files, isDirectory) = ControllerFile.Read(Text("sourcePath")!, step.Name);
                var overwrite = Text("overwrite") is not { } o || !bool.TryParse(o, out var ow) || ow;
                return With(common, files: files, directory: isDirectory, destination: NullIfEmpty(Text("destinationPath")), overwrite: overwrite);
            }
            case StepAction.DownloadContent:
                return PlanDownload(common, step, values, Text);
            case StepAction.RunDocument:
                return PlanNested(documentName, common, step, values, Text, chain);
            case StepAction.SoftwareInventory:
                return WithOptions(common, inventory: InventoryPlan.Options(step, values));
            case StepAction.RunComplianceChecks:
                return new PlannedStep
                {
                    Name = common.Name, ActionName = common.ActionName, Action = common.Action, Precondition = common.Precondition, TimeoutSeconds = common.TimeoutSeconds,
                    OnFailure = common.OnFailure, ExitAfter = common.ExitAfter, IsFinally = common.IsFinally, ComplianceChecks = ComplianceCheckPlan.From(step, values),
                };
            case StepAction.RunPatchBaseline:
            {
                var operation = Text("Operation") ?? "Scan";
                var reboot = Text("RebootOption") ?? "RebootIfNeeded";
                if (operation is not ("Scan" or "Install")) throw Invalid(step, $"Operation must be Scan or Install, not '{operation}'.");
                if (reboot is not ("RebootIfNeeded" or "NoReboot")) throw Invalid(step, $"RebootOption must be RebootIfNeeded or NoReboot, not '{reboot}'.");
                return WithOptions(common, patch: new Execution.PatchOptions(operation, reboot == "RebootIfNeeded"));
            }
            default:
                throw new NodeOpsException(ErrorIds.ActionNotSupported, ErrorCategory.NotImplemented, step.ActionName,
                    $"Step '{step.Name}' of {documentName} uses {step.ActionName}, which is not yet supported by NodeOps. Nothing was sent.");
        }
    }

    private static PlannedStep PlanDownload(PlannedStep common, DocumentStep step, Interpolator values, Func<string, string?> text)
    {
        var sourceType = text("sourceType") ?? "";
        var info = Map(values.Resolve(step.Inputs["sourceInfo"]), step.Name, "sourceInfo");
        var destination = NullIfEmpty(text("destinationPath"));
        switch (sourceType)
        {
            case "HTTP":
                var url = info.TryGetValue("url", out var u) ? ParameterValues.Text(u) : "";
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw Invalid(step, $"sourceInfo.url '{url}' is not an http or https URL.");
                return With(common, url: url, destination: destination);
            case "LocalPath":
                var path = info.TryGetValue("path", out var pv) ? ParameterValues.Text(pv) : "";
                if (path == "") throw Invalid(step, "sourceType LocalPath needs sourceInfo.path: a file or folder on the controller.");
                var (files, isDirectory) = ControllerFile.Read(path, step.Name);
                return With(common, files: files, directory: isDirectory, destination: destination);
            default:
                throw new NodeOpsException(ErrorIds.ActionNotSupported, ErrorCategory.NotImplemented, sourceType,
                    $"Step '{step.Name}': aws:downloadContent sourceType '{sourceType}' is not supported; NodeOps downloads from HTTP (sourceInfo.url) or copies a controller path (LocalPath, sourceInfo.path). Nothing was sent.");
        }
    }

    private PlannedStep PlanNested(string documentName, PlannedStep common, DocumentStep step, Interpolator values,
        Func<string, string?> text, List<string> chain)
    {
        var documentType = text("documentType") ?? "SSMDocument";
        var path = text("documentPath") ?? "";
        var parameters = step.Inputs["documentParameters"] is { } dp ? Map(values.Resolve(dp), step.Name, "documentParameters") : new();
        NodeDocument record;
        DocumentDefinition definition;
        if (documentType == "LocalPath")
        {
            string content;
            try { content = File.ReadAllText(path); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.DocumentFileUnreadable, ErrorCategory.ReadError, path, $"Step '{step.Name}': cannot read the document '{path}': {ex.Message}", ex);
            }
            definition = DocumentReader.Read(content, path);
            record = new NodeDocument { Name = Path.GetFileName(path) };
        }
        else if (documentType == "SSMDocument")
        {
            var colon = path.LastIndexOf(':');
            var (name, version) = colon > 0 ? (path[..colon], path[(colon + 1)..]) : (path, (string?)null);
            (record, definition) = _source.Resolve(name, version);
        }
        else
        {
            throw Invalid(step, $"documentType '{documentType}' is not SSMDocument or LocalPath.");
        }

        if (chain.Contains(record.Name, StringComparer.OrdinalIgnoreCase))
            throw new NodeOpsException(ErrorIds.DocumentNestingInvalid, ErrorCategory.InvalidData, documentName,
                $"Documents run each other in a loop: {string.Join(" → ", chain.Append(record.Name))}.");
        if (chain.Count > MaxDepth)
            throw new NodeOpsException(ErrorIds.DocumentNestingInvalid, ErrorCategory.LimitsExceeded, documentName,
                $"aws:runDocument nests at most {MaxDepth} levels: {string.Join(" → ", chain.Append(record.Name))}.");
        if (definition.DocumentType != DocumentType.Command)
            throw new NodeOpsException(ErrorIds.DocumentTypeNotRunnable, ErrorCategory.InvalidOperation, record.Name,
                $"Step '{step.Name}' runs {record.Name}, a {definition.DocumentType} document; aws:runDocument runs Command documents.");
        var bound = ParameterBinder.Bind(record.Name, definition.Parameters, parameters);
        var children = PlanSteps(record.Name, definition, bound, chain.Append(record.Name).ToList());
        return With(common, children: children, nested: record.Version > 0 ? $"{record.Name}:{record.Version}" : record.Name);
    }

    private static int? Timeout(DocumentStep step, Interpolator values)
    {
        if (step.TimeoutSeconds is null) return null;
        var text = values.Text(step.TimeoutSeconds);
        return int.TryParse(text, out var t) && t > 0 ? t : throw Invalid(step, $"timeoutSeconds '{text}' is not a positive whole number.");
    }

    private static string Lines(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable list => string.Join("\n", list.Cast<object?>().Select(ParameterValues.Text)),
        _ => ParameterValues.Text(value),
    };

    private static Dictionary<string, object?> Map(object? value, string step, string input)
    {
        if (value is Dictionary<string, object?> map) return map;
        if (value is string json && json.TrimStart().StartsWith('{'))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
                return parsed.ToDictionary(e => e.Key, e => (object?)(e.Value.ValueKind == JsonValueKind.Array
                    ? e.Value.EnumerateArray().Select(x => x.ToString()).ToList()
                    : e.Value.ToString()));
            }
            catch (JsonException ex)
            {
                throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step, $"Step '{step}': {input} is not valid JSON: {ex.Message}");
            }
        }
        throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step, $"Step '{step}': {input} must be a map (or a JSON object in a string).");
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static NodeOpsException Invalid(DocumentStep step, string message) =>
        new(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step.Name, $"Step '{step.Name}': {message}");

    /// <summary>The common step with the options of an action that runs no script (inventory, patching).</summary>
    private static PlannedStep WithOptions(PlannedStep c, Inventory.InventoryOptions? inventory = null, Execution.PatchOptions? patch = null) => new()
    {
        Name = c.Name, ActionName = c.ActionName, Action = c.Action, Precondition = c.Precondition, TimeoutSeconds = c.TimeoutSeconds,
        OnFailure = c.OnFailure, ExitAfter = c.ExitAfter, IsFinally = c.IsFinally, Inventory = inventory, Patch = patch,
    };

    private static PlannedStep With(PlannedStep c, string? script = null, IReadOnlyList<ControllerFile>? files = null, bool directory = false, string? destination = null,
        bool overwrite = true, string? url = null, IReadOnlyList<PlannedStep>? children = null, string? nested = null) => new()
    {
        Name = c.Name, ActionName = c.ActionName, Action = c.Action, Precondition = c.Precondition, TimeoutSeconds = c.TimeoutSeconds,
        OnFailure = c.OnFailure, ExitAfter = c.ExitAfter, IsFinally = c.IsFinally, WorkingDirectory = c.WorkingDirectory,
        Script = script ?? "", Files = files ?? Array.Empty<ControllerFile>(), SourceIsDirectory = directory, Destination = destination, Overwrite = overwrite,
        Url = url, Children = children ?? Array.Empty<PlannedStep>(), NestedDocument = nested,
    };
}

using System.Management.Automation;
using System.Text.Json;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Compliance;

/// <summary>How a check file runs on the node: a plain script, or a Pester 5 test file (*.Tests.ps1).</summary>
public enum ComplianceCheckKind { Script, Pester }

/// <summary>
/// One check sent to nodes: its suite (the X of type Check:X), its name (the file name without .ps1 or
/// .Tests.ps1, also the item id when the check gives none), how it runs, and its text.
/// </summary>
public sealed record ComplianceCheck(string Suite, string Name, ComplianceCheckKind Kind, string Text)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Checks from files. The suite is <paramref name="suite"/> when given, else the name of each file's folder
    /// (./checks/linux/*.ps1 → Check:linux), so one folder is one suite.
    /// </summary>
    public static IReadOnlyList<ComplianceCheck> FromFiles(IEnumerable<string> paths, string? suite)
    {
        var fixedSuite = string.IsNullOrWhiteSpace(suite) ? null : ComplianceRules.NormalizeSuite(suite);
        var checks = new List<ComplianceCheck>();
        foreach (var path in paths)
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.ComplianceCheckNotFound, ErrorCategory.ReadError, path, $"Cannot read the check '{path}': {ex.Message}", ex);
            }
            var file = Path.GetFileName(path);
            var pester = file.EndsWith(".Tests.ps1", StringComparison.OrdinalIgnoreCase);
            var name = pester ? file[..^".Tests.ps1".Length] : Path.GetFileNameWithoutExtension(file);
            var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "";
            checks.Add(new ComplianceCheck(fixedSuite ?? ComplianceRules.SuiteFrom(folder), name, pester ? ComplianceCheckKind.Pester : ComplianceCheckKind.Script, text));
        }
        var twice = checks.GroupBy(c => (c.Suite, c.Name)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new NodeOpsException(ErrorIds.InvalidComplianceItem, ErrorCategory.InvalidArgument, twice.Key.Name,
                $"Two checks of suite '{twice.Key.Suite}' are named '{twice.Key.Name}'; give each check file of a suite its own name.");
        return checks;
    }

    /// <summary>The *.ps1 files of a folder (recursively) or one file: what a document's checksPath names.</summary>
    public static IReadOnlyList<ComplianceCheck> FromPath(string path, string? suite)
    {
        if (File.Exists(path)) return FromFiles(new[] { path }, suite);
        if (!Directory.Exists(path))
            throw new NodeOpsException(ErrorIds.ComplianceCheckNotFound, ErrorCategory.ObjectNotFound, path, $"The check path '{path}' does not exist on the controller.");
        var files = Directory.EnumerateFiles(path, "*.ps1", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new NodeOpsException(ErrorIds.ComplianceCheckNotFound, ErrorCategory.ObjectNotFound, path, $"'{path}' holds no *.ps1 check.");
        return FromFiles(files, suite);
    }

    public static string ToJson(IReadOnlyList<ComplianceCheck> checks) => JsonSerializer.Serialize(checks.Select(c => new { c.Suite, c.Name, Kind = c.Kind.ToString(), c.Text }));

    /// <summary>A document's checks parameter: a JSON list of { Suite, Name, Kind, Text }.</summary>
    public static IReadOnlyList<ComplianceCheck> FromJson(string json, string step)
    {
        try
        {
            var raw = JsonSerializer.Deserialize<List<RawCheck>>(json, Json) ?? new List<RawCheck>();
            return raw.Select((r, i) =>
            {
                if (string.IsNullOrWhiteSpace(r.Name) || r.Text is null)
                    throw Invalid(step, $"check {i + 1} needs Name and Text.");
                var kind = string.IsNullOrEmpty(r.Kind) ? ComplianceCheckKind.Script
                    : Enum.TryParse<ComplianceCheckKind>(r.Kind, true, out var k) ? k : throw Invalid(step, $"check '{r.Name}': Kind must be Script or Pester.");
                var suite = ComplianceRules.NormalizeSuite(string.IsNullOrWhiteSpace(r.Suite) ? "default" : r.Suite);
                return new ComplianceCheck(suite, r.Name.Trim(), kind, r.Text);
            }).ToList();
        }
        catch (JsonException ex)
        {
            throw Invalid(step, $"checks is not a JSON list of {{ Suite, Name, Kind, Text }}: {ex.Message}");
        }
    }

    private static NodeOpsException Invalid(string step, string message) =>
        new(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step, $"Step '{step}': {message}");

    private sealed class RawCheck
    {
        public string? Suite { get; set; }
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Text { get; set; }
    }
}

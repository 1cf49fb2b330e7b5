using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>
/// Compliance type names (Patch, Association, Custom:NAME, Check:SUITE), severities as SSM writes them
/// (CRITICAL ... UNSPECIFIED, any case) and the shape of items a user or a check hands in.
/// </summary>
public static partial class ComplianceRules
{
    public const string Patch = "Patch", Association = "Association", CustomPrefix = "Custom:", CheckPrefix = "Check:";
    public const int MaxIdLength = 256, MaxTitleLength = 1024, MaxDetails = 64;

    [GeneratedRegex(@"^(?:(?<fixed>Patch|Association)|(?<prefix>Custom|Check):(?<name>[A-Za-z0-9_.\-]{1,64}))$", RegexOptions.IgnoreCase)]
    private static partial Regex TypePattern();

    /// <summary>The type name in its canonical spelling ("custom:x" → "Custom:x"); a bad name is InvalidComplianceType.</summary>
    public static string NormalizeType(string type)
    {
        var m = TypePattern().Match(type ?? "");
        if (!m.Success)
            throw new NodeOpsException(ErrorIds.InvalidComplianceType, ErrorCategory.InvalidArgument, type,
                $"'{type}' is not a compliance type. Use Patch, Association, Custom:NAME or Check:SUITE, where NAME and SUITE are 1-64 letters, digits, '.', '_' or '-'.");
        if (m.Groups["fixed"].Success) return m.Groups["fixed"].Value.Equals(Patch, StringComparison.OrdinalIgnoreCase) ? Patch : Association;
        var prefix = m.Groups["prefix"].Value.Equals("Custom", StringComparison.OrdinalIgnoreCase) ? CustomPrefix : CheckPrefix;
        return prefix + m.Groups["name"].Value;
    }

    /// <summary>A type users may write with Set-NodeComplianceItem: Custom:NAME (the other types belong to their sources).</summary>
    public static string NormalizeCustomType(string type)
    {
        var normal = NormalizeType(type);
        if (!normal.StartsWith(CustomPrefix, StringComparison.Ordinal))
            throw new NodeOpsException(ErrorIds.ComplianceTypeReserved, ErrorCategory.InvalidArgument, type,
                $"{normal} compliance is written by its source (patch scans, association runs, Invoke-NodeComplianceCheck). Set-NodeComplianceItem writes Custom:NAME types.");
        return normal;
    }

    /// <summary>A suite name as the SUITE of Check:SUITE; a bad one is InvalidComplianceType.</summary>
    public static string NormalizeSuite(string suite) => NormalizeType(CheckPrefix + suite.Trim())[CheckPrefix.Length..];

    /// <summary>A check suite name made from a folder or file name: unsupported characters become '-'.</summary>
    public static string SuiteFrom(string name)
    {
        var cleaned = Regex.Replace(name, "[^A-Za-z0-9_.-]", "-").Trim('-');
        if (cleaned.Length > 64) cleaned = cleaned[..64];
        return cleaned.Length == 0 ? "default" : cleaned;
    }

    public static bool TryParseSeverity(string? text, out ComplianceSeverity severity)
    {
        severity = ComplianceSeverity.Unspecified;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var name = text.Trim();
        // Enum.TryParse would also take numbers and "A, B" combinations.
        return name.All(char.IsLetter) && Enum.TryParse(name, ignoreCase: true, out severity) && Enum.IsDefined(severity);
    }

    public static ComplianceSeverity ParseSeverity(string? text, object? target)
    {
        if (TryParseSeverity(text, out var s)) return s;
        throw new NodeOpsException(ErrorIds.InvalidComplianceItem, ErrorCategory.InvalidData, target,
            $"'{text}' is not a compliance severity. Use CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNSPECIFIED.");
    }

    /// <summary>
    /// Items from hashtables or objects with Id, Title, Status (Compliant/NonCompliant) or Passed ($true/$false),
    /// Severity and Details (a hashtable or object whose values are kept as text).
    /// </summary>
    public static IReadOnlyList<ComplianceItemInput> ReadItems(IEnumerable<object?> items)
    {
        var result = new List<ComplianceItemInput>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var raw in items)
        {
            index++;
            var get = Accessor(raw) ?? throw BadItem(raw, $"Item {index} is empty; give a hashtable or object with Id, Title, Status and Severity.");
            var id = Text(get("Id"))?.Trim();
            if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength) throw BadItem(raw, $"Item {index} needs an Id of 1-{MaxIdLength} characters.");
            if (!ids.Add(id)) throw BadItem(raw, $"Item id '{id}' is given twice; ids are unique within a node and type.");
            var title = Text(get("Title")) ?? id;
            if (title.Length > MaxTitleLength) throw BadItem(raw, $"Item '{id}': the title is longer than {MaxTitleLength} characters.");
            var status = StatusOf(get("Status"), get("Passed"), id, raw);
            var severity = ParseSeverity(Text(get("Severity")), raw);
            var details = DetailsOf(get("Details"), id, raw);
            result.Add(new ComplianceItemInput(id, title, status, severity, details));
        }
        return result;
    }

    private static ComplianceStatus StatusOf(object? status, object? passed, string id, object? raw)
    {
        if (Text(status) is { Length: > 0 } s)
        {
            if (s.Equals("Compliant", StringComparison.OrdinalIgnoreCase)) return ComplianceStatus.Compliant;
            if (s.Replace("_", "").Equals("NonCompliant", StringComparison.OrdinalIgnoreCase)) return ComplianceStatus.NonCompliant;
            throw BadItem(raw, $"Item '{id}': Status '{s}' is neither Compliant nor NonCompliant.");
        }
        return Unwrap(passed) switch
        {
            bool b => b ? ComplianceStatus.Compliant : ComplianceStatus.NonCompliant,
            string t when bool.TryParse(t, out var b) => b ? ComplianceStatus.Compliant : ComplianceStatus.NonCompliant,
            _ => throw BadItem(raw, $"Item '{id}' needs a Status (Compliant or NonCompliant) or Passed ($true or $false)."),
        };
    }

    private static Dictionary<string, string> DetailsOf(object? details, string id, object? raw)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Unwrap(details))
        {
            case null: break;
            case IDictionary d:
                foreach (DictionaryEntry e in d) result[e.Key.ToString()!] = Text(e.Value) ?? "";
                break;
            case string s:
                result["Message"] = s;
                break;
            default:
                foreach (var p in PSObject.AsPSObject(details!).Properties) result[p.Name] = Text(SafeValue(p)) ?? "";
                break;
        }
        if (result.Count > MaxDetails) throw BadItem(raw, $"Item '{id}' has {result.Count} details; at most {MaxDetails} are kept.");
        return result;
    }

    private static object? SafeValue(PSPropertyInfo p)
    {
        try { return p.Value; } catch (GetValueException) { return null; }
    }

    private static Func<string, object?>? Accessor(object? raw) => Unwrap(raw) switch
    {
        null => null,
        IDictionary d => key => d.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k.ToString(), key, StringComparison.OrdinalIgnoreCase)) is { } k ? d[k] : null,
        _ => key => PSObject.AsPSObject(raw!).Properties[key] is { } p ? SafeValue(p) : null,
    };

    private static object? Unwrap(object? o) => o is PSObject p ? p.BaseObject : o;

    public static string? Text(object? value) => Unwrap(value) switch
    {
        null => null,
        string s => s,
        IEnumerable e and not IDictionary => string.Join(", ", e.Cast<object?>().Select(x => Text(x) ?? "")),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };

    private static NodeOpsException BadItem(object? target, string message) => new(ErrorIds.InvalidComplianceItem, ErrorCategory.InvalidData, target, message);
}

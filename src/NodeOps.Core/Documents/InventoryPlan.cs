using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using NodeOps.Core.Errors;
using NodeOps.Core.Inventory;

namespace NodeOps.Core.Documents;

/// <summary>Reads an aws:softwareInventory step's inputs (SSM's: applications, services, networkConfig, windowsUpdates, customInventory, files) into options.</summary>
internal static class InventoryPlan
{
    public static InventoryOptions Options(DocumentStep step, Interpolator values)
    {
        bool Enabled(string key, bool fallback) => step.Inputs[key] is { } n
            ? values.Text(n) is var t && (t.Equals("Enabled", StringComparison.OrdinalIgnoreCase) || t.Equals("true", StringComparison.OrdinalIgnoreCase))
            : fallback;
        return new InventoryOptions
        {
            Applications = Enabled("applications", true),
            Services = Enabled("services", true),
            Network = Enabled("networkConfig", true),
            WindowsUpdates = Enabled("windowsUpdates", true),
            CustomInventory = Enabled("customInventory", true),
            Files = step.Inputs["files"] is { } f ? Files(values.Resolve(f), step.Name) : Array.Empty<FileSearch>(),
        };
    }

    /// <summary>SSM's files input: a JSON list (or list) of { Path, Pattern: [..], Recursive, DirScanLimit }.</summary>
    private static IReadOnlyList<FileSearch> Files(object? value, string step)
    {
        if (value is string s)
        {
            if (s.Trim().Length == 0) return Array.Empty<FileSearch>();
            try { value = Plain(JsonDocument.Parse(s).RootElement); }
            catch (JsonException ex) { throw Invalid(step, $"files is not valid JSON: {ex.Message}"); }
        }
        var items = value switch { IDictionary d => new object?[] { d }, IEnumerable e => e.Cast<object?>().ToArray(), _ => throw Invalid(step, "files must be a list of { Path, Pattern } searches.") };
        return items.Select(item =>
        {
            if (item is not IDictionary spec) throw Invalid(step, "each files entry is a map with Path and Pattern.");
            string? Get(string k) => spec.Keys.Cast<object>().FirstOrDefault(x => string.Equals(x.ToString(), k, StringComparison.OrdinalIgnoreCase)) is { } key ? ParameterValues.Text(spec[key]) : null;
            var pathKey = spec.Keys.Cast<object>().FirstOrDefault(x => string.Equals(x.ToString(), "Pattern", StringComparison.OrdinalIgnoreCase));
            var patterns = pathKey is null ? new List<string> { "*" } : spec[pathKey] switch
            {
                string one => new List<string> { one },
                IEnumerable many => many.Cast<object?>().Select(ParameterValues.Text).ToList(),
                _ => new List<string> { "*" },
            };
            var path = Get("Path") ?? throw Invalid(step, "a files entry needs Path.");
            var recursive = Get("Recursive") is not { } r ? false
                : r.Trim().ToLowerInvariant() is "true" or "1" ? true
                : r.Trim().ToLowerInvariant() is "false" or "0" or "" ? false
                : throw Invalid(step, $"Recursive must be true or false, not '{r}'.");
            var depth = Get("DirScanLimit") is { } l && int.TryParse(l, out var lim) ? lim : recursive ? 32 : 0;
            return new FileSearch(path, patterns, recursive ? depth : 0);
        }).ToList();
    }

    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)) as IDictionary,
        JsonValueKind.Array => e.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => e.GetString(),
        _ => e.ToString(),
    };

    private static NodeOpsException Invalid(string step, string message) =>
        new(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, step, $"Step '{step}': {message}");
}

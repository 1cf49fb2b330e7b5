using System.Collections;
using System.Globalization;
using System.Text.Json;
using NodeOps.Core.Models;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace NodeOps.Core.Patching;

/// <summary>
/// Baselines as CloudFormation's AWS::SSM::PatchBaseline: reads a template (every resource of that type),
/// a single resource, or a bare Properties map, in YAML or JSON; writes a template with one resource per baseline.
/// </summary>
public static class PatchBaselineTemplate
{
    public const string ResourceType = "AWS::SSM::PatchBaseline";

    public static IReadOnlyList<PatchBaseline> Read(string text, string source)
    {
        object? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<object>(text);
        }
        catch (YamlException ex)
        {
            throw PatchBaselineRules.Invalid(source, $"{source} is not valid YAML or JSON: {ex.Message}");
        }
        if (root is not IDictionary map) throw PatchBaselineRules.Invalid(source, $"{source} holds no AWS::SSM::PatchBaseline.");
        var result = new List<PatchBaseline>();
        if (Get(map, "Resources") is IDictionary resources)
        {
            foreach (DictionaryEntry r in resources)
                if (r.Value is IDictionary res && Text(Get(res, "Type")) == ResourceType)
                    result.Add(FromProperties(Get(res, "Properties") as IDictionary ?? new Hashtable(), r.Key.ToString()!));
        }
        else if (Text(Get(map, "Type")) == ResourceType)
            result.Add(FromProperties(Get(map, "Properties") as IDictionary ?? new Hashtable(), source));
        else if (Get(map, "Name") is not null || Get(map, "OperatingSystem") is not null)
            result.Add(FromProperties(map, source));
        if (result.Count == 0) throw PatchBaselineRules.Invalid(source, $"{source} holds no AWS::SSM::PatchBaseline resource.");
        return result;
    }

    private static PatchBaseline FromProperties(IDictionary p, string logicalId)
    {
        var name = Text(Get(p, "Name")) ?? logicalId;
        var b = new PatchBaseline
        {
            Name = name,
            Description = Text(Get(p, "Description")),
            OperatingSystem = Text(Get(p, "OperatingSystem")) is { } os ? PatchBaselineRules.ParseOperatingSystem(os, name) : PatchOperatingSystem.Windows,
            GlobalFilters = Filters(Get(p, "GlobalFilters") as IDictionary, name),
            ApprovedPatches = Strings(Get(p, "ApprovedPatches")),
            ApprovedPatchesComplianceLevel = Text(Get(p, "ApprovedPatchesComplianceLevel")) is { } l ? PatchBaselineRules.ParseLevel(l, name) : ComplianceSeverity.Unspecified,
            ApprovedPatchesEnableNonSecurity = Bool(Get(p, "ApprovedPatchesEnableNonSecurity")),
            RejectedPatches = Strings(Get(p, "RejectedPatches")),
            RejectedPatchesAction = Text(Get(p, "RejectedPatchesAction")) is { } ra ? PatchBaselineRules.ParseRejectedAction(ra, name) : RejectedPatchesAction.AllowAsDependency,
            PatchGroups = Strings(Get(p, "PatchGroups")),
            IsDefault = Bool(Get(p, "DefaultBaseline")),
        };
        if (Get(p, "ApprovalRules") is IDictionary rules && Get(rules, "PatchRules") is IEnumerable list)
        {
            foreach (var item in list)
            {
                if (item is not IDictionary r) throw PatchBaselineRules.Invalid(name, "Each of ApprovalRules.PatchRules is a map.");
                var rule = new PatchRule
                {
                    PatchFilters = Filters(Get(r, "PatchFilterGroup") as IDictionary, name),
                    ComplianceLevel = Text(Get(r, "ComplianceLevel")) is { } cl ? PatchBaselineRules.ParseLevel(cl, name) : ComplianceSeverity.Unspecified,
                    EnableNonSecurity = Bool(Get(r, "EnableNonSecurity")),
                };
                if (Text(Get(r, "ApproveAfterDays")) is { } days)
                    rule.ApproveAfterDays = int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d
                        : throw PatchBaselineRules.Invalid(name, $"ApproveAfterDays '{days}' is not a whole number.");
                if (Text(Get(r, "ApproveUntilDate")) is { } until) rule.ApproveUntilDate = PatchBaselineRules.ParseUntilDate(until, name);
                b.ApprovalRules.Add(rule);
            }
        }
        if (Get(p, "Sources") is IEnumerable sources)
            foreach (var s in sources.OfType<IDictionary>())
                b.Sources.Add(new PatchSource { Name = Text(Get(s, "Name")) ?? "", Products = Strings(Get(s, "Products")), Configuration = Text(Get(s, "Configuration")) ?? "" });
        if (Get(p, "Tags") is IEnumerable tags)
            foreach (var t in tags.OfType<IDictionary>())
                if (Text(Get(t, "Key")) is { } k) b.Tags[k] = Text(Get(t, "Value")) ?? "";
        PatchBaselineRules.Check(b);
        return b;
    }

    private static List<PatchFilter> Filters(IDictionary? group, string name)
    {
        if (group is null) return new();
        if (Get(group, "PatchFilters") is not IEnumerable filters) return new();
        return filters.Cast<object?>().Select(f => f is IDictionary d
            ? new PatchFilter { Key = (Text(Get(d, "Key")) ?? "").ToUpperInvariant(), Values = Strings(Get(d, "Values")) }
            : throw PatchBaselineRules.Invalid(name, "Each of PatchFilters is a map with Key and Values.")).ToList();
    }

    /// <summary>A template with one AWS::SSM::PatchBaseline resource per baseline.</summary>
    public static string Write(IEnumerable<PatchBaseline> baselines, bool json)
    {
        var resources = new Dictionary<string, object>();
        foreach (var b in baselines)
        {
            var logical = new string(b.Name.Where(char.IsLetterOrDigit).ToArray());
            if (logical.Length == 0 || resources.ContainsKey(logical)) logical += resources.Count;
            resources[logical] = new Dictionary<string, object> { ["Type"] = ResourceType, ["Properties"] = Properties(b) };
        }
        var template = new Dictionary<string, object> { ["AWSTemplateFormatVersion"] = "2010-09-09", ["Resources"] = resources };
        return json
            ? JsonSerializer.Serialize(template, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine
            : new SerializerBuilder().Build().Serialize(template);
    }

    private static Dictionary<string, object> Properties(PatchBaseline b)
    {
        static Dictionary<string, object> Group(List<PatchFilter> filters) => new()
        {
            ["PatchFilters"] = filters.Select(f => new Dictionary<string, object> { ["Key"] = f.Key, ["Values"] = f.Values }).ToList(),
        };
        var p = new Dictionary<string, object> { ["Name"] = b.Name, ["OperatingSystem"] = PatchBaselineRules.CloudFormationName(b.OperatingSystem) };
        if (b.Description is not null) p["Description"] = b.Description;
        if (b.GlobalFilters.Count > 0) p["GlobalFilters"] = Group(b.GlobalFilters);
        if (b.ApprovalRules.Count > 0)
            p["ApprovalRules"] = new Dictionary<string, object>
            {
                ["PatchRules"] = b.ApprovalRules.Select(r =>
                {
                    var rule = new Dictionary<string, object> { ["PatchFilterGroup"] = Group(r.PatchFilters) };
                    if (r.ApproveUntilDate is { } u) rule["ApproveUntilDate"] = u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    else rule["ApproveAfterDays"] = r.ApproveAfterDays ?? 0;
                    rule["ComplianceLevel"] = r.ComplianceLevel.ToString().ToUpperInvariant();
                    rule["EnableNonSecurity"] = r.EnableNonSecurity;
                    return rule;
                }).ToList(),
            };
        if (b.ApprovedPatches.Count > 0)
        {
            p["ApprovedPatches"] = b.ApprovedPatches;
            p["ApprovedPatchesComplianceLevel"] = b.ApprovedPatchesComplianceLevel.ToString().ToUpperInvariant();
            p["ApprovedPatchesEnableNonSecurity"] = b.ApprovedPatchesEnableNonSecurity;
        }
        if (b.RejectedPatches.Count > 0)
        {
            p["RejectedPatches"] = b.RejectedPatches;
            p["RejectedPatchesAction"] = b.RejectedPatchesAction == RejectedPatchesAction.Block ? "BLOCK" : "ALLOW_AS_DEPENDENCY";
        }
        if (b.Sources.Count > 0)
            p["Sources"] = b.Sources.Select(s => new Dictionary<string, object> { ["Name"] = s.Name, ["Products"] = s.Products, ["Configuration"] = s.Configuration }).ToList();
        if (b.PatchGroups.Count > 0) p["PatchGroups"] = b.PatchGroups;
        if (b.IsDefault) p["DefaultBaseline"] = true;
        if (b.Tags.Count > 0) p["Tags"] = b.Tags.Select(t => new Dictionary<string, object> { ["Key"] = t.Key, ["Value"] = t.Value }).ToList();
        return p;
    }

    private static object? Get(IDictionary map, string key)
    {
        foreach (DictionaryEntry e in map)
            if (string.Equals(e.Key?.ToString(), key, StringComparison.Ordinal)) return e.Value;
        return null;
    }

    private static string? Text(object? v) => v switch { null => null, string s => s, IDictionary or IList => null, _ => Convert.ToString(v, CultureInfo.InvariantCulture) };

    private static bool Bool(object? v) => Text(v) is { } s && (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1");

    private static List<string> Strings(object? v) => v switch
    {
        null => new(),
        string s => new() { s },
        IEnumerable e => e.Cast<object?>().Select(Text).Where(x => x is not null).Select(x => x!).ToList(),
        _ => new() { Text(v)! },
    };
}

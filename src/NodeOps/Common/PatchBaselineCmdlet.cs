using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;

namespace NodeOps.Common;

/// <summary>
/// The baseline fields New-PatchBaseline and Set-PatchBaseline share. Filters are "KEY=value1,value2" strings
/// (or PatchFilter objects); rules are hashtables @{ Filter = ...; ApproveAfterDays = 7; ComplianceLevel = 'High'; EnableNonSecurity = $false }
/// (or PatchRule objects from Get-PatchBaseline).
/// </summary>
public abstract class PatchBaselineCmdlet : NodeOpsCmdlet
{
    [Parameter] [ValidateLength(0, 1024)] public string? Description { get; set; }

    /// <summary>Filters every update must pass to be considered at all: "CLASSIFICATION=Security", "PRIORITY=required,important".</summary>
    [Parameter] public object[]? GlobalFilter { get; set; }

    /// <summary>Approval rules, in order: @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 7; ComplianceLevel = 'Critical' }, or @{ ...; ApproveUntilDate = '2026-07-01' }.</summary>
    [Parameter] public object[]? ApprovalRule { get; set; }

    /// <summary>Package-name globs (KB ids on Windows) approved whatever the rules say.</summary>
    [Parameter] [AllowEmptyCollection] public string[]? ApprovedPatch { get; set; }

    [Parameter] public ComplianceSeverity? ApprovedPatchesComplianceLevel { get; set; }

    [Parameter] public bool? ApprovedPatchesEnableNonSecurity { get; set; }

    /// <summary>Package-name globs (KB ids on Windows) never approved.</summary>
    [Parameter] [AllowEmptyCollection] public string[]? RejectedPatch { get; set; }

    /// <summary>AllowAsDependency (default): a rejected package may come in as another's dependency. Block: never installed; installed ones are InstalledRejected.</summary>
    [Parameter] public RejectedPatchesAction? RejectedPatchesAction { get; set; }

    /// <summary>Alternate package sources: @{ Name = 'mirror'; Products = 'Debian12'; Configuration = 'deb http://... bookworm-security main' }.</summary>
    [Parameter] [AllowEmptyCollection] public Hashtable[]? Source { get; set; }

    /// <summary>Tags on the baseline itself.</summary>
    [Parameter] public Hashtable? BaselineTag { get; set; }

    /// <summary>Copies the given fields onto a baseline.</summary>
    protected void Apply(PatchBaseline b)
    {
        if (Description is not null) b.Description = Description;
        if (GlobalFilter is not null) b.GlobalFilters = GlobalFilter.Select(f => ToFilter(f, b.Name)).ToList();
        if (ApprovalRule is not null) b.ApprovalRules = ApprovalRule.Select(r => ToRule(r, b.Name)).ToList();
        if (ApprovedPatch is not null) b.ApprovedPatches = ApprovedPatch.ToList();
        if (ApprovedPatchesComplianceLevel is { } l) b.ApprovedPatchesComplianceLevel = l;
        if (ApprovedPatchesEnableNonSecurity is { } ns) b.ApprovedPatchesEnableNonSecurity = ns;
        if (RejectedPatch is not null) b.RejectedPatches = RejectedPatch.ToList();
        if (RejectedPatchesAction is { } ra) b.RejectedPatchesAction = ra;
        if (Source is not null)
            b.Sources = Source.Select(h => new PatchSource
            {
                Name = Text(h, "Name") ?? "", Configuration = Text(h, "Configuration") ?? "",
                Products = Values(Value(h, "Products")),
            }).ToList();
        if (BaselineTag is not null) b.Tags = BaselineTag.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "");
    }

    private static PatchFilter ToFilter(object item, string baseline)
    {
        var value = item is PSObject p ? p.BaseObject : item;
        switch (value)
        {
            case PatchFilter f: return f;
            case IDictionary d: return new PatchFilter { Key = (Text(d, "Key") ?? "").ToUpperInvariant(), Values = Values(Value(d, "Values")) };
            case string s when s.IndexOf('=') > 0:
                return new PatchFilter { Key = s[..s.IndexOf('=')].Trim().ToUpperInvariant(), Values = s[(s.IndexOf('=') + 1)..].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList() };
            default:
                throw PatchBaselineRules.Invalid(baseline, $"'{value}' is not a filter; write KEY=value1,value2 (e.g. CLASSIFICATION=Security).");
        }
    }

    private static PatchRule ToRule(object item, string baseline)
    {
        var value = item is PSObject p ? p.BaseObject : item;
        if (value is PatchRule r) return r;
        if (value is not IDictionary d)
            throw PatchBaselineRules.Invalid(baseline, "An approval rule is a hashtable: @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 7; ComplianceLevel = 'High' }.");
        var rule = new PatchRule
        {
            PatchFilters = (Value(d, "Filter") ?? Value(d, "PatchFilters")) is { } filters
                ? (filters is IEnumerable e and not string ? e.Cast<object>() : new[] { filters }).Select(f => ToFilter(f, baseline)).ToList()
                : new(),
            ComplianceLevel = Text(d, "ComplianceLevel") is { } cl ? PatchBaselineRules.ParseLevel(cl, baseline) : ComplianceSeverity.Unspecified,
            EnableNonSecurity = Value(d, "EnableNonSecurity") is { } ens && LanguagePrimitives.IsTrue(ens),
        };
        if (Text(d, "ApproveAfterDays") is { } days)
            rule.ApproveAfterDays = int.TryParse(days, out var n) ? n : throw PatchBaselineRules.Invalid(baseline, $"ApproveAfterDays '{days}' is not a whole number.");
        if (Value(d, "ApproveUntilDate") is { } until)
            rule.ApproveUntilDate = until is DateTime dt ? DateTime.SpecifyKind(dt.Date, DateTimeKind.Utc) : PatchBaselineRules.ParseUntilDate(until.ToString()!, baseline);
        if (rule.ApproveAfterDays is null && rule.ApproveUntilDate is null) rule.ApproveAfterDays = 0;
        return rule;
    }

    private static object? Value(IDictionary d, string key)
    {
        foreach (DictionaryEntry e in d)
            if (string.Equals(e.Key.ToString(), key, StringComparison.OrdinalIgnoreCase)) return e.Value is PSObject p ? p.BaseObject : e.Value;
        return null;
    }

    private static string? Text(IDictionary d, string key) => Value(d, key)?.ToString();

    private static List<string> Values(object? v) => v switch
    {
        null => new(),
        string s => s.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToList(),
        IEnumerable e => e.Cast<object?>().Select(x => x?.ToString() ?? "").Where(x => x.Length > 0).ToList(),
        _ => new() { v.ToString()! },
    };
}

using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Patching;

/// <summary>SSM's limits on a baseline, checked before anything is stored.</summary>
public static class PatchBaselineRules
{
    public const int MaxRules = 10, MaxFiltersPerGroup = 5, MaxApproveAfterDays = 360, MaxPatches = 50;
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "PRODUCT", "CLASSIFICATION", "SEVERITY", "MSRC_SEVERITY", "PRIORITY", "SECTION", "PATCH_SET", "PRODUCT_FAMILY", "PATCH_ID", "NAME",
        "ADVISORY_ID", "ARCH", "BUGZILLA_ID", "CVE_ID", "EPOCH", "RELEASE", "REPOSITORY", "VERSION",
    };

    public static string NewId() => "pb-" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..17].ToLowerInvariant();

    public static void Check(PatchBaseline b)
    {
        if (!SsmName.IsValid(b.Name))
            throw Invalid(b.Name, $"Baseline name '{b.Name}' must be 3 to 128 letters, digits, '_', '-' or '.'.");
        if (b.Description is { Length: > 1024 }) throw Invalid(b.Name, "The description is longer than 1024 characters.");
        if (b.ApprovalRules.Count > MaxRules) throw Invalid(b.Name, $"A baseline has at most {MaxRules} approval rules; this one has {b.ApprovalRules.Count}.");
        CheckFilters(b.Name, "GlobalFilters", b.GlobalFilters);
        var i = 0;
        foreach (var rule in b.ApprovalRules)
        {
            i++;
            CheckFilters(b.Name, $"rule {i}", rule.PatchFilters);
            if (rule.ApproveAfterDays is not null && rule.ApproveUntilDate is not null)
                throw Invalid(b.Name, $"Rule {i} has both ApproveAfterDays and ApproveUntilDate; give one.");
            if (rule.ApproveAfterDays is { } d && (d < 0 || d > MaxApproveAfterDays))
                throw Invalid(b.Name, $"Rule {i}: ApproveAfterDays must be 0 to {MaxApproveAfterDays}, not {d}.");
        }
        if (b.ApprovedPatches.Count > MaxPatches || b.RejectedPatches.Count > MaxPatches)
            throw Invalid(b.Name, $"ApprovedPatches and RejectedPatches hold at most {MaxPatches} entries each.");
        foreach (var p in b.ApprovedPatches.Concat(b.RejectedPatches))
            if (string.IsNullOrWhiteSpace(p) || p.Length > 100 || p.Any(char.IsWhiteSpace))
                throw Invalid(b.Name, $"'{p}' is not a package name, glob or KB id.");
        if (b.Sources.Count > 20) throw Invalid(b.Name, "A baseline has at most 20 sources.");
        if (b.Sources.Any(s => s.Name.Length == 0 || s.Configuration.Length == 0))
            throw Invalid(b.Name, "Each source needs a Name and a Configuration.");
        if (b.Sources.Count > 0 && b.OperatingSystem == PatchOperatingSystem.Windows)
            throw Invalid(b.Name, "Sources are for Linux baselines; Windows updates come from Windows Update.");
    }

    private static void CheckFilters(string name, string where, List<PatchFilter> filters)
    {
        if (filters.Count > MaxFiltersPerGroup) throw Invalid(name, $"{where}: at most {MaxFiltersPerGroup} filters, not {filters.Count}.");
        foreach (var f in filters)
        {
            if (!Keys.Contains(f.Key)) throw Invalid(name, $"{where}: '{f.Key}' is not a filter key ({string.Join(", ", Keys.Order())}).");
            if (f.Values.Count == 0 || f.Values.Count > 20) throw Invalid(name, $"{where}: filter {f.Key} needs 1 to 20 values.");
        }
        var twice = filters.GroupBy(f => f.Key.ToUpperInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw Invalid(name, $"{where}: the key {twice.Key} appears more than once.");
    }

    /// <summary>A date of ApproveUntilDate: "YYYY-MM-DD".</summary>
    public static DateTime ParseUntilDate(string text, string baseline) =>
        DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var d)
            ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc)
            : throw Invalid(baseline, $"ApproveUntilDate '{text}' is not a date in the form YYYY-MM-DD.");

    /// <summary>Reads CloudFormation's names (DEBIAN, REDHAT_ENTERPRISE_LINUX, ...) and NodeOps' own.</summary>
    public static PatchOperatingSystem ParseOperatingSystem(string text, string baseline) =>
        text.Replace("_", "").ToUpperInvariant() switch
        {
            "DEBIAN" or "RASPBIAN" => PatchOperatingSystem.Debian,
            "UBUNTU" => PatchOperatingSystem.Ubuntu,
            "REDHATENTERPRISELINUX" or "RHEL" or "CENTOS" or "ORACLELINUX" => PatchOperatingSystem.RedhatEnterpriseLinux,
            "ROCKY" or "ROCKYLINUX" => PatchOperatingSystem.Rocky,
            "ALMA" or "ALMALINUX" => PatchOperatingSystem.AlmaLinux,
            "AMAZONLINUX2023" or "AMAZONLINUX2" or "AMAZONLINUX2022" or "AMAZONLINUX" => PatchOperatingSystem.AmazonLinux2023,
            "SUSE" => PatchOperatingSystem.Suse,
            "WINDOWS" => PatchOperatingSystem.Windows,
            _ => throw Invalid(baseline, $"'{text}' is not an operating system NodeOps patches (Debian, Ubuntu, RedhatEnterpriseLinux, Rocky, AlmaLinux, AmazonLinux2023, Suse, Windows)."),
        };

    public static ComplianceSeverity ParseLevel(string text, string baseline) =>
        Enum.TryParse<ComplianceSeverity>(text.Trim(), true, out var l) && Enum.IsDefined(l) ? l
            : throw Invalid(baseline, $"'{text}' is not a compliance level (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED).");

    public static RejectedPatchesAction ParseRejectedAction(string text, string baseline) =>
        text.Replace("_", "").ToUpperInvariant() switch
        {
            "ALLOWASDEPENDENCY" => RejectedPatchesAction.AllowAsDependency,
            "BLOCK" => RejectedPatchesAction.Block,
            _ => throw Invalid(baseline, $"'{text}' is not a RejectedPatchesAction (ALLOW_AS_DEPENDENCY or BLOCK)."),
        };

    /// <summary>CloudFormation's spelling of an operating system.</summary>
    public static string CloudFormationName(PatchOperatingSystem os) => os switch
    {
        PatchOperatingSystem.RedhatEnterpriseLinux => "REDHAT_ENTERPRISE_LINUX",
        PatchOperatingSystem.Rocky => "ROCKY_LINUX",
        PatchOperatingSystem.AlmaLinux => "ALMA_LINUX",
        PatchOperatingSystem.AmazonLinux2023 => "AMAZON_LINUX_2023",
        _ => os.ToString().ToUpperInvariant(),
    };

    public static NodeOpsException Invalid(string target, string message) =>
        new(ErrorIds.InvalidPatchBaseline, ErrorCategory.InvalidArgument, target, message);
}

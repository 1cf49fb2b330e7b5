using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>
/// A patch baseline (SSM's AWS::SSM::PatchBaseline): which updates a node of one operating system should
/// have. Global filters narrow what is considered at all; approval rules, ApprovedPatches and RejectedPatches
/// decide what is approved and at which compliance level.
/// </summary>
public sealed class PatchBaseline
{
    /// <summary>"pb-" and 17 hex digits, like SSM's baseline ids.</summary>
    [BsonId] public string BaselineId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public PatchOperatingSystem OperatingSystem { get; set; }
    public List<PatchFilter> GlobalFilters { get; set; } = new();
    public List<PatchRule> ApprovalRules { get; set; } = new();
    /// <summary>Package-name globs (KB ids on Windows) approved whatever the rules say.</summary>
    public List<string> ApprovedPatches { get; set; } = new();
    public ComplianceSeverity ApprovedPatchesComplianceLevel { get; set; } = ComplianceSeverity.Unspecified;
    public bool ApprovedPatchesEnableNonSecurity { get; set; }
    /// <summary>Package-name globs (KB ids on Windows) never approved.</summary>
    public List<string> RejectedPatches { get; set; } = new();
    public RejectedPatchesAction RejectedPatchesAction { get; set; } = RejectedPatchesAction.AllowAsDependency;
    /// <summary>Alternate package sources (Linux): name, products and the repository configuration text.</summary>
    public List<PatchSource> Sources { get; set; } = new();
    /// <summary>Patch groups (values of the PatchGroup tag) whose nodes use this baseline.</summary>
    public List<string> PatchGroups { get; set; } = new();
    /// <summary>The default baseline of its operating system (nodes without a registered patch group use it).</summary>
    public bool IsDefault { get; set; }
    /// <summary>Shipped with NodeOps (one per operating system); can be copied but not changed or removed.</summary>
    public bool IsBuiltIn { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new();
    public DateTime CreatedDate { get; set; }
    public DateTime ModifiedDate { get; set; }

    public override string ToString() => $"{Name} ({BaselineId})";
}

/// <summary>One filter: a key (PRODUCT, CLASSIFICATION, SEVERITY, PRIORITY, SECTION, ...) and the values it accepts ("*" for any).</summary>
public sealed class PatchFilter
{
    public string Key { get; set; } = "";
    public List<string> Values { get; set; } = new();

    public PatchFilter() { }
    public PatchFilter(string key, params string[] values) { Key = key; Values = values.ToList(); }

    public override string ToString() => $"{Key}={string.Join(",", Values)}";
}

/// <summary>An approval rule: a filter group, when a matching update becomes approved, and how much it matters.</summary>
public sealed class PatchRule
{
    public List<PatchFilter> PatchFilters { get; set; } = new();
    /// <summary>Days after the update's release date (0-360); null when <see cref="ApproveUntilDate"/> is used.</summary>
    public int? ApproveAfterDays { get; set; }
    /// <summary>Updates released on or before this day are approved.</summary>
    public DateTime? ApproveUntilDate { get; set; }
    public ComplianceSeverity ComplianceLevel { get; set; } = ComplianceSeverity.Unspecified;
    /// <summary>Linux: also approve updates from non-security repositories.</summary>
    public bool EnableNonSecurity { get; set; }

    public override string ToString() =>
        $"{string.Join(" ", PatchFilters)} after {(ApproveUntilDate is { } d ? d.ToString("yyyy-MM-dd") : $"{ApproveAfterDays ?? 0} d")} [{ComplianceLevel}]";
}

/// <summary>An alternate package source (SSM's PatchSource): Configuration is the repository definition text.</summary>
public sealed class PatchSource
{
    public string Name { get; set; } = "";
    public List<string> Products { get; set; } = new();
    public string Configuration { get; set; } = "";
}

public enum PatchOperatingSystem
{
    Debian, Ubuntu, RedhatEnterpriseLinux, Rocky, AlmaLinux, AmazonLinux2023, Suse, Windows,
}

public enum RejectedPatchesAction { AllowAsDependency, Block }

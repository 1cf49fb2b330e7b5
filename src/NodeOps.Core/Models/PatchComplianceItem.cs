using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>
/// One node's state for one patch (a package on Linux, a KB on Windows), as the last scan or install found it,
/// with the compliance level of the rule that approved it.
/// </summary>
public sealed class PatchComplianceItem
{
    /// <summary>"nodeId/patchId".</summary>
    [BsonId] public string Id { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    /// <summary>The package name (with ":arch" when not the node's own architecture), or the KB id on Windows.</summary>
    public string PatchId { get; set; } = "";
    public PatchComplianceState State { get; set; }
    public ComplianceSeverity ComplianceLevel { get; set; } = ComplianceSeverity.Unspecified;
    public string? InstalledVersion { get; set; }
    /// <summary>The highest approved version the node could have (Missing, Failed), or the version installed.</summary>
    public string? ApprovedVersion { get; set; }
    /// <summary>Security, Bugfix (apt: other suites), or the advisory type / Windows classification.</summary>
    public string Classification { get; set; } = "";
    public string Severity { get; set; } = "";
    public string? Section { get; set; }
    public string? Priority { get; set; }
    /// <summary>Where the approved version comes from, e.g. "Debian-Security:bookworm-security".</summary>
    public string? Source { get; set; }
    public DateTime? ReleaseDate { get; set; }
    /// <summary>Version before and after the last install that touched this patch.</summary>
    public string? VersionBefore { get; set; }
    public string? VersionAfter { get; set; }
    public string? Details { get; set; }
    public string BaselineId { get; set; } = "";
    public DateTime ReportedAt { get; set; }

    /// <summary>Missing, Failed and InstalledRejected (and pending reboots) make a node non-compliant.</summary>
    public static readonly IReadOnlyList<PatchComplianceState> NonCompliantStates = new[]
    {
        PatchComplianceState.Missing, PatchComplianceState.Failed, PatchComplianceState.InstalledRejected, PatchComplianceState.InstalledPendingReboot,
    };

    [BsonIgnore] public bool IsNonCompliant => NonCompliantStates.Contains(State);

    public static string MakeId(string nodeId, string patchId) => $"{nodeId}/{patchId}";
}

public enum PatchComplianceState
{
    Installed, InstalledOther, InstalledPendingReboot, InstalledRejected, Missing, Failed, NotApplicable,
}

/// <summary>What the last patch operation on a node found: one record per node next to its items.</summary>
public sealed class NodePatchState
{
    [BsonId] public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string BaselineId { get; set; } = "";
    public string? PatchGroup { get; set; }
    /// <summary>Scan or Install.</summary>
    public string Operation { get; set; } = "";
    public DateTime OperationStartTime { get; set; }
    public DateTime OperationEndTime { get; set; }
    public string? CommandId { get; set; }
    public string? OperatingSystem { get; set; }
    public bool RebootPending { get; set; }
    /// <summary>True when the install ran into an error (some packages may have been installed: see the items' VersionAfter).</summary>
    public bool InstallFailed { get; set; }
    public bool Rebooted { get; set; }
    public int InstalledCount { get; set; }
    public int InstalledOtherCount { get; set; }
    public int InstalledPendingRebootCount { get; set; }
    public int InstalledRejectedCount { get; set; }
    public int MissingCount { get; set; }
    public int FailedCount { get; set; }
    public int NotApplicableCount { get; set; }
    [BsonIgnore] public bool Compliant => MissingCount + FailedCount + InstalledRejectedCount + InstalledPendingRebootCount == 0 && !InstallFailed;
    public string? Details { get; set; }
}

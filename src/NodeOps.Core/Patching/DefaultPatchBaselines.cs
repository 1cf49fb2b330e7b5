using NodeOps.Core.Models;

namespace NodeOps.Core.Patching;

/// <summary>
/// The baselines NodeOps ships, one per operating system, like SSM's predefined AWS-*DefaultPatchBaseline:
/// security updates approved 7 days after release (Windows: critical and security updates).
/// </summary>
public static class DefaultPatchBaselines
{
    public static string IdFor(PatchOperatingSystem os) => "pb-nodeops-" + os.ToString().ToLowerInvariant();

    public static string NameFor(PatchOperatingSystem os) => $"NodeOps-{os}DefaultPatchBaseline";

    public static IEnumerable<PatchBaseline> All() => Enum.GetValues<PatchOperatingSystem>().Select(Create);

    public static PatchBaseline Create(PatchOperatingSystem os)
    {
        var rule = os == PatchOperatingSystem.Windows
            ? new PatchRule
            {
                PatchFilters = { new PatchFilter("CLASSIFICATION", "CriticalUpdates", "SecurityUpdates"), new PatchFilter("MSRC_SEVERITY", "Critical", "Important") },
                ApproveAfterDays = 7, ComplianceLevel = ComplianceSeverity.Unspecified,
            }
            : new PatchRule
            {
                PatchFilters = { new PatchFilter("CLASSIFICATION", "Security") },
                ApproveAfterDays = 7, ComplianceLevel = ComplianceSeverity.Unspecified,
            };
        return new PatchBaseline
        {
            BaselineId = IdFor(os),
            Name = NameFor(os),
            Description = $"Default {os} baseline shipped with NodeOps: security updates approved 7 days after release.",
            OperatingSystem = os,
            ApprovalRules = { rule },
            IsDefault = true,
            IsBuiltIn = true,
            CreatedDate = DateTime.UnixEpoch,
            ModifiedDate = DateTime.UnixEpoch,
        };
    }
}

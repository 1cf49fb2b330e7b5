using NodeOps.Core.Inventory;

namespace NodeOps.Core.Patching;

/// <summary>A package (or KB) as it is on the node.</summary>
public sealed record InstalledPatch(string Name, string Arch, string Version, string? Section, string? Priority, bool HalfInstalled);

/// <summary>A version the node's repositories offer (apt: one Packages entry with its suite's Release data).</summary>
public sealed record PatchCandidate(string Name, string Arch, string Version, string Classification, string Severity,
    string? Section, string? Priority, DateTime? ReleaseDate, string Source);

/// <summary>What a scan found on one node: its OS, what is installed, what the repositories offer, and whether a reboot is due.</summary>
public sealed class NodePatchScan
{
    /// <summary>The OS as the baseline calls it (Debian, Ubuntu, ..., Windows).</summary>
    public string OperatingSystem { get; init; } = "";
    /// <summary>The PRODUCT filter value, e.g. "Debian12", "Ubuntu24.04", "WindowsServer2022".</summary>
    public string Product { get; init; } = "";
    public string PackageManager { get; init; } = "";
    public VersionScheme Scheme { get; init; } = VersionScheme.Debian;
    public List<InstalledPatch> Installed { get; } = new();
    public List<PatchCandidate> Candidates { get; } = new();
    public bool RebootRequired { get; set; }
    /// <summary>Packages the node says need the reboot (apt: /var/run/reboot-required.pkgs).</summary>
    public HashSet<string> RebootPackages { get; } = new(StringComparer.Ordinal);
    /// <summary>Problems the node reported that did not stop the scan (e.g. apt-get update errors).</summary>
    public List<string> Warnings { get; } = new();
}

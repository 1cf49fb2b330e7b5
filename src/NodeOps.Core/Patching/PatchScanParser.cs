using System.Globalization;
using NodeOps.Core.Inventory;

namespace NodeOps.Core.Patching;

/// <summary>
/// What an install reported: apt's (or the installer's) exit code and each package's outcome. Whether the node needs a
/// reboot comes from the scan that follows every install.
/// </summary>
public sealed record PatchInstallReport(int ExitCode, IReadOnlyDictionary<string, PatchInstallOutcome> Packages);

/// <summary>
/// Reads the tab-separated records the patch scripts print: OS, MGR, WARN, INST (installed package),
/// REL (a suite's Release data), PKG (a version a list offers), UPD (a Windows update), REBOOT, RPKG;
/// and BEFORE, AFTER, RC from an install.
/// </summary>
public static class PatchScanParser
{
    public static NodePatchScan ParseScan(string output)
    {
        string os = "", version = "", manager = "";
        var installed = new List<InstalledPatch>();
        var releases = new Dictionary<string, (string Classification, DateTime? Date, string Source)>(StringComparer.Ordinal);
        var offers = new List<string[]>();
        var updates = new List<string[]>();
        var rpms = new List<string[]>();
        var warnings = new List<string>();
        var reboot = false;
        var rebootPackages = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var f = raw.TrimEnd('\r').Split('\t');
            switch (f[0])
            {
                case "OS" when f.Length >= 3: os = f[1]; version = f[2]; break;
                case "MGR" when f.Length >= 2: manager = f[1]; break;
                case "WARN" when f.Length >= 2: warnings.Add(string.Join(' ', f.Skip(1)).Trim()); break;
                case "INST" when f.Length >= 7:
                    installed.Add(new InstalledPatch(f[2], f[3], f[4], Empty(f[5]), Empty(f[6]), f[1].Trim() != "ii"));
                    break;
                case "REL" when f.Length >= 7:
                    releases[f[1]] = (IsSecurity(f[2], f[3], f[5]) ? "Security" : "Bugfix", ParseDate(f[6]),
                        $"{(f[5].Length > 0 ? f[5] : f[4])}:{(f[2].Length > 0 ? f[2] : f[3])}");
                    break;
                case "PKG" when f.Length >= 7: offers.Add(f); break;
                case "UPD" when f.Length >= 6: updates.Add(f); break;
                case "RPM" when f.Length >= 8: rpms.Add(f); break;
                case "REBOOT" when f.Length >= 2: reboot = f[1].Trim() == "1"; break;
                case "RPKG" when f.Length >= 2 && f[1].Trim().Length > 0: rebootPackages.Add(f[1].Trim()); break;
            }
        }
        var (osName, product) = Product(os, version);
        var scan = new NodePatchScan
        {
            OperatingSystem = osName, Product = product, PackageManager = manager,
            Scheme = manager switch { "wua" => VersionScheme.Windows, "dnf" or "zypper" => VersionScheme.Rpm, _ => VersionScheme.Debian },
            RebootRequired = reboot,
        };
        scan.Installed.AddRange(installed);
        foreach (var p in offers)
        {
            var rel = releases.TryGetValue(p[1], out var r) ? r : ("Bugfix", null, "unknown");
            scan.Candidates.Add(new PatchCandidate(p[2], p[3], p[4], rel.Item1, "", Empty(p[5]), Empty(p[6]), rel.Item2, rel.Item3));
        }
        foreach (var p in rpms)
            scan.Candidates.Add(new PatchCandidate(p[1], p[2], p[3], p[4], p[5], null, null, ParseDate(p[6]), p[7]));
        foreach (var u in updates)
        {
            scan.Candidates.Add(new PatchCandidate(u[1], "", "", u[3], u[4], null, null, ParseDate(u[5]), "Windows Update"));
            if (u[2] == "1") scan.Installed.Add(new InstalledPatch(u[1], "", "", null, null, false));
        }
        foreach (var p in rebootPackages) scan.RebootPackages.Add(p);
        scan.Warnings.AddRange(warnings.Where(w => w.Length > 0));
        return scan;
    }

    public static PatchInstallReport ParseInstall(string output, IReadOnlyDictionary<string, string> targets)
    {
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, PatchInstallOutcome>(StringComparer.Ordinal);
        int code = -1;
        foreach (var raw in output.Split('\n'))
        {
            var f = raw.TrimEnd('\r').Split('\t');
            switch (f[0])
            {
                case "BEFORE" when f.Length >= 3: before[f[1]] = f[2]; break;
                case "RC" when f.Length >= 2: code = int.TryParse(f[1], out var c) ? c : -1; break;
                case "AFTER" when f.Length >= 3:
                {
                    var name = f[1];
                    var target = targets.TryGetValue(name, out var t) ? t : null;
                    var after = Empty(f[2]);
                    var status = f.Length >= 4 ? f[3].Trim() : "ii";
                    var reached = after is not null && (target is null || after == target || target == "installed");
                    outcomes[name] = new PatchInstallOutcome(name, before.TryGetValue(name, out var b) ? Empty(b) : null, after, target, !reached || status != "ii");
                    break;
                }
            }
        }
        return new PatchInstallReport(code, outcomes);
    }

    private static bool IsSecurity(string suite, string codename, string label) =>
        suite.EndsWith("-security", StringComparison.OrdinalIgnoreCase) || codename.EndsWith("-security", StringComparison.OrdinalIgnoreCase)
        || suite.EndsWith("/updates", StringComparison.OrdinalIgnoreCase) || label.Contains("Security", StringComparison.OrdinalIgnoreCase);

    /// <summary>A date in UTC: a Release file's Date (RFC 1123, "Sat, 01 Nov 2026 10:00:00 UTC"), or ISO 8601 (dnf advisories, Windows updates).</summary>
    public static DateTime? ParseDate(string text)
    {
        var t = text.Trim().Replace(" UTC", " +0000").Replace(" GMT", " +0000");
        if (t.IndexOf(',') is > 0 and < 5) t = t[(t.IndexOf(',') + 1)..].Trim(); // the weekday adds nothing and must not veto the date
        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.UtcDateTime : null;
    }

    /// <summary>The baseline OS name and the PRODUCT value for an os-release ID and VERSION_ID.</summary>
    public static (string OperatingSystem, string Product) Product(string id, string version) => id.ToLowerInvariant() switch
    {
        "debian" => ("Debian", "Debian" + version),
        "ubuntu" => ("Ubuntu", "Ubuntu" + version),
        "rhel" => ("RedhatEnterpriseLinux", "RedhatEnterpriseLinux" + version),
        "rocky" => ("Rocky", "RockyLinux" + version),
        "almalinux" => ("AlmaLinux", "AlmaLinux" + version),
        "amzn" => ("AmazonLinux2023", "AmazonLinux" + version),
        "sles" or "opensuse-leap" or "sled" => ("Suse", "SUSE" + version),
        "windows" => ("Windows", "Windows" + version),
        _ => (id, id + version),
    };

    private static string? Empty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

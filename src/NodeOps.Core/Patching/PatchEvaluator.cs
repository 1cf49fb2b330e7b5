using NodeOps.Core.Inventory;
using NodeOps.Core.Models;

namespace NodeOps.Core.Patching;

/// <summary>What an install did to one package.</summary>
public sealed record PatchInstallOutcome(string Name, string? VersionBefore, string? VersionAfter, string? TargetVersion, bool Failed);

/// <summary>The approved version of a patch and the level it is approved at, or why it is not approved.</summary>
public sealed record PatchApproval(bool Approved, ComplianceSeverity Level, string Reason);

/// <summary>
/// Applies a baseline to what a node has and what its repositories offer (SSM's rules): global filters
/// first, then RejectedPatches, ApprovedPatches and the approval rules in order (the first that approves
/// wins). A package is Missing when a newer approved version exists, Installed when its version is approved,
/// InstalledOther when it is installed but not approved, InstalledRejected when it is rejected with Block.
/// </summary>
public static class PatchEvaluator
{
    public static PatchApproval Approve(PatchBaseline b, PatchCandidate c, string product, DateTime now)
    {
        if (Matches(b.RejectedPatches, c.Name)) return new(false, ComplianceSeverity.Unspecified, "rejected");
        var security = c.Classification.Equals("Security", StringComparison.OrdinalIgnoreCase);
        if (!b.GlobalFilters.All(f => FilterMatches(f, c, product))) return new(false, ComplianceSeverity.Unspecified, "excluded by the global filters");
        if (Matches(b.ApprovedPatches, c.Name) && (security || b.ApprovedPatchesEnableNonSecurity || b.OperatingSystem == PatchOperatingSystem.Windows))
            return new(true, b.ApprovedPatchesComplianceLevel, "in ApprovedPatches");
        var i = 0;
        foreach (var rule in b.ApprovalRules)
        {
            i++;
            if (!rule.PatchFilters.All(f => FilterMatches(f, c, product))) continue;
            if (!security && !rule.EnableNonSecurity && b.OperatingSystem != PatchOperatingSystem.Windows) continue;
            if (!DateAllows(rule, c.ReleaseDate, now)) continue;
            return new(true, rule.ComplianceLevel, $"approved by rule {i}");
        }
        return new(false, ComplianceSeverity.Unspecified, "not approved by any rule");
    }

    public static bool DateAllows(PatchRule rule, DateTime? released, DateTime now)
    {
        if (rule.ApproveUntilDate is { } until) return released is { } r && r.Date <= until.Date;
        var days = rule.ApproveAfterDays ?? 0;
        // A repository without a release date only satisfies "approve at once".
        return released is { } rel ? rel.AddDays(days) <= now : days == 0;
    }

    public static bool FilterMatches(PatchFilter f, PatchCandidate c, string product)
    {
        var value = f.Key.ToUpperInvariant() switch
        {
            "PRODUCT" => product,
            "CLASSIFICATION" => c.Classification,
            "SEVERITY" or "MSRC_SEVERITY" => c.Severity,
            "PRIORITY" => c.Priority ?? "",
            "SECTION" => c.Section ?? "",
            "PATCH_ID" or "NAME" => c.Name,
            _ => null,
        };
        if (value is null) return true; // keys this OS has no data for (PATCH_SET, PRODUCT_FAMILY) do not narrow
        return f.Values.Any(v => Glob.IsMatch(v, value));
    }

    public static bool Matches(IEnumerable<string> globs, string name) => globs.Any(g => Glob.IsMatch(g, name));

    /// <summary>One item per installed package the repositories know (and per approved update on Windows), plus NotApplicable for approved names the node lacks.</summary>
    public static List<PatchComplianceItem> Evaluate(PatchBaseline b, NodePatchScan scan, DateTime now,
        IReadOnlyDictionary<string, PatchInstallOutcome>? installed = null)
    {
        var items = new List<PatchComplianceItem>();
        var byName = scan.Candidates.ToLookup(c => c.Name, StringComparer.Ordinal);
        var windows = scan.Scheme == VersionScheme.Windows;
        foreach (var p in scan.Installed)
        {
            var offers = byName[p.Name].Where(c => c.Arch == p.Arch || c.Arch == "all" || p.Arch == "all" || c.Arch == "").ToList();
            var newer = offers.Where(c => PackageVersionComparer.Compare(c.Version, p.Version, scan.Scheme) > 0)
                .Select(c => (c, a: Approve(b, c, scan.Product, now))).Where(x => x.a.Approved)
                .OrderByDescending(x => x.c.Version, Comparer<string>.Create((x, y) => PackageVersionComparer.Compare(x, y, scan.Scheme))).ToList();
            var same = offers.Where(c => PackageVersionComparer.Compare(c.Version, p.Version, scan.Scheme) == 0)
                .Select(c => (c, a: Approve(b, c, scan.Product, now))).OrderByDescending(x => x.a.Approved).FirstOrDefault();
            if (offers.Count == 0) continue; // installed from elsewhere: not a patch the repositories know
            var item = NewItem(p.Name, p.Version, now, b);
            var done = installed is not null && installed.TryGetValue(p.Name, out var o) ? o : null;
            if (done is not null) { item.VersionBefore = done.VersionBefore; item.VersionAfter = done.VersionAfter; }
            var describe = newer.Count > 0 ? newer[0] : same;
            if (describe.c is { } d) Describe(item, d);
            if (p.HalfInstalled || done is { Failed: true })
            {
                item.State = PatchComplianceState.Failed;
                item.ApprovedVersion = done?.TargetVersion ?? newer.FirstOrDefault().c?.Version;
                item.Details = p.HalfInstalled ? "The package is not fully installed (its install scripts failed)." : "The install of this package failed.";
                item.ComplianceLevel = newer.Count > 0 ? newer[0].a.Level : same.a?.Level ?? ComplianceSeverity.Unspecified;
            }
            else if (Matches(b.RejectedPatches, p.Name))
            {
                item.State = b.RejectedPatchesAction == RejectedPatchesAction.Block ? PatchComplianceState.InstalledRejected : PatchComplianceState.InstalledOther;
                item.Details = b.RejectedPatchesAction == RejectedPatchesAction.Block
                    ? "Installed, but the baseline rejects it (RejectedPatchesAction Block)."
                    : "Rejected by the baseline; allowed as a dependency.";
            }
            else if (newer.Count > 0)
            {
                item.State = PatchComplianceState.Missing;
                item.ApprovedVersion = newer[0].c.Version;
                item.ComplianceLevel = newer[0].a.Level;
                item.Details = $"{newer[0].c.Version} is {newer[0].a.Reason}.";
            }
            else if (same.a is { Approved: true } approval)
            {
                var pending = scan.RebootRequired && (scan.RebootPackages.Contains(p.Name) || done is { Failed: false } && done.VersionBefore != done.VersionAfter);
                item.State = pending ? PatchComplianceState.InstalledPendingReboot : PatchComplianceState.Installed;
                item.ApprovedVersion = p.Version;
                item.ComplianceLevel = approval.Level;
                if (pending) item.Details = "Installed; the node needs a reboot to finish.";
            }
            else
            {
                item.State = PatchComplianceState.InstalledOther;
                item.Details = "Installed; this version is not approved by the baseline.";
            }
            items.Add(item);
        }
        if (windows)
        {
            var have = scan.Installed.Select(i => i.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var c in scan.Candidates.Where(c => !have.Contains(c.Name)))
            {
                var a = Approve(b, c, scan.Product, now);
                if (!a.Approved) continue;
                var item = NewItem(c.Name, null, now, b);
                Describe(item, c);
                var done = installed is not null && installed.TryGetValue(c.Name, out var o) ? o : null;
                item.State = done is { Failed: true } ? PatchComplianceState.Failed : PatchComplianceState.Missing;
                item.ComplianceLevel = a.Level;
                item.ApprovedVersion = c.Version;
                items.Add(item);
            }
        }
        var present = scan.Installed.Select(i => i.Name).ToList();
        foreach (var glob in b.ApprovedPatches.Where(g => !present.Any(n => Glob.IsMatch(g, n)) && !items.Any(i => Glob.IsMatch(g, i.PatchId))))
        {
            var item = NewItem(glob, null, now, b);
            item.State = PatchComplianceState.NotApplicable;
            item.ComplianceLevel = b.ApprovedPatchesComplianceLevel;
            item.Details = "In ApprovedPatches, but not installed on this node.";
            items.Add(item);
        }
        return items;
    }

    private static PatchComplianceItem NewItem(string name, string? version, DateTime now, PatchBaseline b) => new()
    {
        PatchId = name, InstalledVersion = version, ReportedAt = now, BaselineId = b.BaselineId,
    };

    private static void Describe(PatchComplianceItem item, PatchCandidate c)
    {
        item.Classification = c.Classification;
        item.Severity = c.Severity;
        item.Section = c.Section;
        item.Priority = c.Priority;
        item.ReleaseDate = c.ReleaseDate;
        item.Source = c.Source;
    }
}

using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.Unit;

public class PatchRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static PatchCandidate Offer(string name, string version, string classification, int daysAgo, string? section = "utils", string priority = "optional", string severity = "") =>
        new(name, "all", version, classification, severity, section, priority, Now.AddDays(-daysAgo), classification == "Security" ? "Debian-Security:bookworm-security" : "Debian:bookworm");

    private static PatchBaseline Debian(params PatchRule[] rules) => new() { BaselineId = "pb-test", Name = "t", OperatingSystem = PatchOperatingSystem.Debian, ApprovalRules = rules.ToList() };

    private static PatchRule Rule(int? days = 7, string classification = "Security", ComplianceSeverity level = ComplianceSeverity.High, bool nonSecurity = false) =>
        new() { PatchFilters = { new PatchFilter("CLASSIFICATION", classification) }, ApproveAfterDays = days, ComplianceLevel = level, EnableNonSecurity = nonSecurity };

    [Fact]
    public void ApproveAfterDays_counts_from_the_release_date()
    {
        var b = Debian(Rule(7));
        Assert.True(PatchEvaluator.Approve(b, Offer("a", "1", "Security", 8), "Debian12", Now).Approved);
        Assert.False(PatchEvaluator.Approve(b, Offer("a", "1", "Security", 6), "Debian12", Now).Approved);
        Assert.True(PatchEvaluator.Approve(Debian(Rule(0)), Offer("a", "1", "Security", 0), "Debian12", Now).Approved);
        // No release date known: only "approve at once" holds.
        var undated = Offer("a", "1", "Security", 0) with { ReleaseDate = null };
        Assert.False(PatchEvaluator.Approve(b, undated, "Debian12", Now).Approved);
        Assert.True(PatchEvaluator.Approve(Debian(Rule(0)), undated, "Debian12", Now).Approved);
    }

    [Fact]
    public void ApproveUntilDate_approves_what_was_released_on_or_before_the_day()
    {
        var rule = Rule(null);
        rule.ApproveUntilDate = Now.AddDays(-10).Date;
        var b = Debian(rule);
        Assert.True(PatchEvaluator.Approve(b, Offer("a", "1", "Security", 10), "Debian12", Now).Approved);
        Assert.False(PatchEvaluator.Approve(b, Offer("a", "1", "Security", 9), "Debian12", Now).Approved);
    }

    [Fact]
    public void Classification_severity_priority_and_section_filters_narrow_and_non_security_needs_EnableNonSecurity()
    {
        var bugfix = Offer("a", "1", "Bugfix", 30);
        Assert.False(PatchEvaluator.Approve(Debian(Rule(0, "*")), bugfix, "Debian12", Now).Approved);
        Assert.True(PatchEvaluator.Approve(Debian(Rule(0, "*", nonSecurity: true)), bugfix, "Debian12", Now).Approved);
        Assert.False(PatchEvaluator.Approve(Debian(Rule(0, "Security", nonSecurity: true)), bugfix, "Debian12", Now).Approved);

        var bySection = Debian(new PatchRule { PatchFilters = { new PatchFilter("SECTION", "net*"), new PatchFilter("PRIORITY", "required", "important") }, ApproveAfterDays = 0 });
        Assert.True(PatchEvaluator.Approve(bySection, Offer("a", "1", "Security", 1, "net", "important"), "Debian12", Now).Approved);
        Assert.False(PatchEvaluator.Approve(bySection, Offer("a", "1", "Security", 1, "utils", "important"), "Debian12", Now).Approved);
        Assert.False(PatchEvaluator.Approve(bySection, Offer("a", "1", "Security", 1, "net", "optional"), "Debian12", Now).Approved);

        var windows = new PatchBaseline { OperatingSystem = PatchOperatingSystem.Windows, ApprovalRules = { new PatchRule { PatchFilters = { new PatchFilter("MSRC_SEVERITY", "Critical") }, ApproveAfterDays = 0 } } };
        Assert.True(PatchEvaluator.Approve(windows, Offer("KB1", "", "SecurityUpdates", 1, severity: "Critical"), "WindowsServer2022", Now).Approved);
        Assert.False(PatchEvaluator.Approve(windows, Offer("KB2", "", "SecurityUpdates", 1, severity: "Moderate"), "WindowsServer2022", Now).Approved);

        var global = Debian(Rule(0));
        global.GlobalFilters.Add(new PatchFilter("PRODUCT", "Ubuntu*"));
        Assert.False(PatchEvaluator.Approve(global, Offer("a", "1", "Security", 1), "Debian12", Now).Approved);
    }

    [Fact]
    public void Approved_and_rejected_patches_override_the_rules()
    {
        var b = Debian(Rule(30));
        b.ApprovedPatches.Add("openssl*");
        b.ApprovedPatchesComplianceLevel = ComplianceSeverity.Critical;
        b.RejectedPatches.Add("kernel-*");
        var approved = PatchEvaluator.Approve(b, Offer("openssl", "3", "Security", 1), "Debian12", Now);
        Assert.True(approved.Approved);
        Assert.Equal(ComplianceSeverity.Critical, approved.Level);
        Assert.False(PatchEvaluator.Approve(b, Offer("kernel-image", "6", "Security", 90), "Debian12", Now).Approved);
        // Approved non-security packages need ApprovedPatchesEnableNonSecurity on Linux.
        Assert.False(PatchEvaluator.Approve(b, Offer("openssl-dev", "3", "Bugfix", 1), "Debian12", Now).Approved);
        b.ApprovedPatchesEnableNonSecurity = true;
        Assert.True(PatchEvaluator.Approve(b, Offer("openssl-dev", "3", "Bugfix", 1), "Debian12", Now).Approved);
    }

    private static NodePatchScan Scan(params (string Name, string Version, bool Half)[] installed)
    {
        var scan = new NodePatchScan { OperatingSystem = "Debian", Product = "Debian12", PackageManager = "apt" };
        foreach (var i in installed) scan.Installed.Add(new InstalledPatch(i.Name, "all", i.Version, "utils", "optional", i.Half));
        return scan;
    }

    [Fact]
    public void Evaluation_gives_every_state_and_picks_the_highest_approved_version()
    {
        var b = Debian(Rule(7));
        b.RejectedPatches.Add("rej");
        b.RejectedPatchesAction = RejectedPatchesAction.Block;
        b.ApprovedPatches.Add("absent-*");
        var scan = Scan(("web", "1.0", false), ("lib", "1.0", false), ("ok", "2.0", false), ("kern", "1.1", false), ("bad", "1.0", true), ("rej", "1.0", false), ("local-only", "9", false));
        scan.Candidates.AddRange(new[]
        {
            Offer("web", "1.0", "Bugfix", 90), Offer("web", "1.1", "Security", 30), Offer("web", "1.2", "Security", 1),
            Offer("lib", "1.0", "Bugfix", 90), Offer("lib", "1.1", "Bugfix", 20),
            Offer("ok", "2.0", "Security", 30),
            Offer("kern", "1.1", "Security", 30),
            Offer("bad", "1.0", "Bugfix", 90), Offer("bad", "1.1", "Security", 30),
            Offer("rej", "1.0", "Bugfix", 90), Offer("rej", "1.1", "Security", 30),
        });
        scan.RebootRequired = true;
        scan.RebootPackages.Add("kern");
        var items = PatchEvaluator.Evaluate(b, scan, Now).ToDictionary(i => i.PatchId);

        Assert.Equal(PatchComplianceState.Missing, items["web"].State);
        Assert.Equal("1.1", items["web"].ApprovedVersion); // 1.2 is only a day old
        Assert.Equal(ComplianceSeverity.High, items["web"].ComplianceLevel);
        Assert.Equal(PatchComplianceState.InstalledOther, items["lib"].State);
        Assert.Equal(PatchComplianceState.Installed, items["ok"].State);
        Assert.Equal(PatchComplianceState.InstalledPendingReboot, items["kern"].State);
        Assert.Equal(PatchComplianceState.Failed, items["bad"].State);
        Assert.Equal(PatchComplianceState.InstalledRejected, items["rej"].State);
        Assert.Equal(PatchComplianceState.NotApplicable, items["absent-*"].State);
        Assert.False(items.ContainsKey("local-only"));

        b.RejectedPatchesAction = RejectedPatchesAction.AllowAsDependency;
        Assert.Equal(PatchComplianceState.InstalledOther, PatchEvaluator.Evaluate(b, scan, Now).Single(i => i.PatchId == "rej").State);
    }

    [Fact]
    public void An_install_outcome_marks_failures_and_pending_reboots()
    {
        var b = Debian(Rule(7));
        var scan = Scan(("web", "1.1", false), ("bad", "1.0", false));
        scan.Candidates.AddRange(new[] { Offer("web", "1.1", "Security", 30), Offer("bad", "1.1", "Security", 30) });
        scan.RebootRequired = true;
        var outcomes = new Dictionary<string, PatchInstallOutcome>
        {
            ["web"] = new("web", "1.0", "1.1", "1.1", false),
            ["bad"] = new("bad", "1.0", "1.0", "1.1", true),
        };
        var items = PatchEvaluator.Evaluate(b, scan, Now, outcomes).ToDictionary(i => i.PatchId);
        Assert.Equal(PatchComplianceState.InstalledPendingReboot, items["web"].State);
        Assert.Equal(("1.0", "1.1"), (items["web"].VersionBefore, items["web"].VersionAfter));
        Assert.Equal(PatchComplianceState.Failed, items["bad"].State);
        Assert.Equal("1.1", items["bad"].ApprovedVersion);
    }

    [Fact]
    public void The_scan_records_become_installed_packages_and_dated_offers()
    {
        const string output = "OS\tdebian\t12\nMGR\tapt\nWARN\tW: something odd\n"
            + "INST\tii \tweb\tall\t1.0\tutils\toptional\nINST\tiF \tbad\tall\t1.0\tutils\toptional\n"
            + "REL\t/l/a_dists_bookworm-security_main_binary-all_Packages\tbookworm-security\tbookworm-security\tDebian\tDebian-Security\tSat, 01 Nov 2026 10:00:00 UTC\n"
            + "REL\t/l/a_dists_bookworm_main_binary-all_Packages\tbookworm\tbookworm\tDebian\tDebian\t\n"
            + "PKG\t/l/a_dists_bookworm-security_main_binary-all_Packages\tweb\tall\t1.1\tutils\toptional\n"
            + "PKG\t/l/a_dists_bookworm_main_binary-all_Packages\tweb\tall\t1.0\tutils\toptional\n"
            + "REBOOT\t1\nRPKG\tweb\n";
        var scan = PatchScanParser.ParseScan(output);
        Assert.Equal(("Debian", "Debian12", "apt"), (scan.OperatingSystem, scan.Product, scan.PackageManager));
        Assert.Equal(2, scan.Installed.Count);
        Assert.True(scan.Installed.Single(i => i.Name == "bad").HalfInstalled);
        var security = scan.Candidates.Single(c => c.Version == "1.1");
        Assert.Equal("Security", security.Classification);
        Assert.Equal(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), security.ReleaseDate);
        Assert.Equal("Debian-Security:bookworm-security", security.Source);
        var main = scan.Candidates.Single(c => c.Version == "1.0");
        Assert.Equal("Bugfix", main.Classification);
        Assert.Null(main.ReleaseDate);
        Assert.True(scan.RebootRequired);
        Assert.Contains("web", scan.RebootPackages);
        Assert.Single(scan.Warnings);

        var install = PatchScanParser.ParseInstall("BEFORE\tweb\t1.0\nBEFORE\tbad\t1.0\nRC\t100\nAFTER\tweb\t1.1\tii \nAFTER\tbad\t1.1\tiF \nREBOOT\t0\n",
            new Dictionary<string, string> { ["web"] = "1.1", ["bad"] = "1.1" });
        Assert.Equal(100, install.ExitCode);
        Assert.False(install.Packages["web"].Failed);
        Assert.True(install.Packages["bad"].Failed);
    }

    [Fact]
    public void Dnf_records_carry_advisory_type_severity_and_date()
    {
        var scan = PatchScanParser.ParseScan("OS\trocky\t9.3\nMGR\tdnf\nINST\tii\tweb\tnoarch\t1.0-1\tUnspecified\t\n"
            + "RPM\tweb\tnoarch\t1.1-1\tSecurity\tImportant\t2026-10-24T00:00:00Z\tNOPS-2026:0001\nRPM\tweb\tnoarch\t1:0.9-1\tBugfix\t\t\tbase\nREBOOT\t0\n");
        Assert.Equal(("Rocky", "RockyLinux9.3", NodeOps.Core.Inventory.VersionScheme.Rpm), (scan.OperatingSystem, scan.Product, scan.Scheme));
        var sec = scan.Candidates.Single(c => c.Version == "1.1-1");
        Assert.Equal(("Security", "Important", "NOPS-2026:0001"), (sec.Classification, sec.Severity, sec.Source));
        Assert.Equal(new DateTime(2026, 10, 24, 0, 0, 0, DateTimeKind.Utc), sec.ReleaseDate);
        var b = new PatchBaseline { OperatingSystem = PatchOperatingSystem.Rocky, ApprovalRules = { new PatchRule { PatchFilters = { new PatchFilter("SEVERITY", "Critical", "Important") }, ApproveAfterDays = 7 } } };
        var items = PatchEvaluator.Evaluate(b, scan, Now);
        // The epoch makes 1:0.9-1 the newest version, but it is not approved (no advisory): 1.1-1 is.
        Assert.Equal(("1.1-1", PatchComplianceState.Missing), (items.Single().ApprovedVersion, items.Single().State));
    }

    [Fact]
    public void The_cloudformation_example_baseline_imports()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Documents", "patch-baselines", "cloudformation-example.yaml");
        var b = Assert.Single(PatchBaselineTemplate.Read(File.ReadAllText(path), path));
        Assert.Equal("myPatchBaseline", b.Name);
        Assert.Equal(PatchOperatingSystem.Windows, b.OperatingSystem);
        Assert.Equal(new[] { "myPatchGroup" }, b.PatchGroups);
        Assert.Equal(2, b.ApprovalRules.Count);
        Assert.Equal(5, b.ApprovalRules[1].PatchFilters.Count);
        Assert.All(b.ApprovalRules, r => { Assert.Equal(7, r.ApproveAfterDays); Assert.Equal(ComplianceSeverity.Critical, r.ComplianceLevel); });
        Assert.Contains(b.ApprovalRules[0].PatchFilters, f => f.Key == "MSRC_SEVERITY" && f.Values.SequenceEqual(new[] { "Critical", "Important", "Moderate" }));
    }

    [Fact]
    public void A_json_template_imports_and_export_round_trips_in_yaml_and_json()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Documents", "patch-baselines", "debian-security.json");
        var b = Assert.Single(PatchBaselineTemplate.Read(File.ReadAllText(path), path));
        Assert.Equal(PatchOperatingSystem.Debian, b.OperatingSystem);
        Assert.Equal(RejectedPatchesAction.Block, b.RejectedPatchesAction);
        Assert.Equal(new DateTime(2026, 1, 31), b.ApprovalRules[1].ApproveUntilDate);
        Assert.True(b.ApprovalRules[1].EnableNonSecurity);
        Assert.Single(b.Sources);
        foreach (var json in new[] { false, true })
        {
            var again = Assert.Single(PatchBaselineTemplate.Read(PatchBaselineTemplate.Write(new[] { b }, json), "export"));
            Assert.Equal(b.Name, again.Name);
            Assert.Equal(b.RejectedPatches, again.RejectedPatches);
            Assert.Equal(b.ApprovalRules.Select(r => r.ToString()), again.ApprovalRules.Select(r => r.ToString()));
            Assert.Equal(b.Sources[0].Configuration, again.Sources[0].Configuration);
            Assert.Equal(b.GlobalFilters.Select(f => f.ToString()), again.GlobalFilters.Select(f => f.ToString()));
        }
    }

    [Theory]
    [InlineData("ApproveAfterDays: 361")]
    [InlineData("ApproveAfterDays: 7\n          ApproveUntilDate: '2026-01-01'")]
    [InlineData("ApproveUntilDate: 'next week'")]
    [InlineData("ComplianceLevel: SEVERE")]
    public void Bad_rules_are_refused_with_InvalidPatchBaseline(string ruleTail)
    {
        var text = "Name: bad-one\nOperatingSystem: DEBIAN\nApprovalRules:\n  PatchRules:\n    - PatchFilterGroup:\n        PatchFilters:\n          - Key: CLASSIFICATION\n            Values: [Security]\n      " + ruleTail.Replace("\n          ", "\n      ") + "\n";
        var ex = Assert.Throws<NodeOpsException>(() => PatchBaselineTemplate.Read(text, "t"));
        Assert.Equal(ErrorIds.InvalidPatchBaseline, ex.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, ex.ToErrorRecord().CategoryInfo.Category);
    }

    [Theory]
    [InlineData("Name: x1x\nOperatingSystem: BEOS\n")]
    [InlineData("Name: ok-name\nOperatingSystem: DEBIAN\nGlobalFilters:\n  PatchFilters:\n    - Key: COLOUR\n      Values: [red]\n")]
    [InlineData("Name: ok-name\nOperatingSystem: DEBIAN\nRejectedPatchesAction: MAYBE\n")]
    [InlineData("Name: a\nOperatingSystem: DEBIAN\n")]
    [InlineData("{ not: [valid")]
    public void Bad_baselines_are_refused(string text)
    {
        var ex = Assert.Throws<NodeOpsException>(() => PatchBaselineTemplate.Read(text, "t"));
        Assert.Equal(ErrorIds.InvalidPatchBaseline, ex.ErrorId);
    }

    [Fact]
    public void The_summary_counts_compliant_noncompliant_by_severity_never_reported_and_stale()
    {
        var nodes = new[] { "a", "b", "c", "d" }.Select(n => new ManagedNode { NodeId = "mi-" + n, Name = n }).ToList();
        var states = new List<NodePatchState>
        {
            new() { NodeId = "mi-a", NodeName = "a", OperationEndTime = Now.AddHours(-1) },
            new() { NodeId = "mi-b", NodeName = "b", OperationEndTime = Now.AddDays(-1), MissingCount = 2 },
            new() { NodeId = "mi-c", NodeName = "c", OperationEndTime = Now.AddDays(-30), FailedCount = 1 },
        };
        var items = new List<PatchComplianceItem>
        {
            new() { NodeId = "mi-a", PatchId = "x", State = PatchComplianceState.Installed, ComplianceLevel = ComplianceSeverity.Critical },
            new() { NodeId = "mi-b", PatchId = "x", State = PatchComplianceState.Missing, ComplianceLevel = ComplianceSeverity.Low },
            new() { NodeId = "mi-b", PatchId = "y", State = PatchComplianceState.Missing, ComplianceLevel = ComplianceSeverity.High },
            new() { NodeId = "mi-c", PatchId = "x", State = PatchComplianceState.Failed, ComplianceLevel = ComplianceSeverity.Critical },
        };
        var s = PatchComplianceSummary.Build(nodes, states, items, 7, Now);
        Assert.Equal((4, 1, 2, 1), (s.TotalNodes, s.Compliant, s.NonCompliant, s.NeverReported));
        Assert.Equal((1, 1), (s.NonCompliantCritical, s.NonCompliantHigh));
        Assert.Equal(0, s.NonCompliantLow);
        Assert.Equal(1, s.ReportedBeforeStaleDays);
        var html = PatchComplianceReport.Html(s);
        Assert.Contains("<td>NonCompliant</td>", html);
        Assert.Contains("(stale)", html);
    }
}

using NodeOps.Core.Models;
using NodeOps.Core.Patching;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>
/// Patch scan and install on real fleet nodes (2, 4 and 5) against a real local apt repository: different
/// node states, a custom baseline for a patch group with BLOCK, a node whose install fails part-way, and an
/// install that needs a reboot, without and with rebooting. The reboot command is a preference: here it only
/// stops the node's sshd (the test brings the node back, with a fresh /run, as a reboot would).
/// </summary>
[Collection("Fleet")]
public class PatchingTests : IDisposable, IClassFixture<PatchTestRepository>
{
    private const string P = PatchTestRepository.Prefix;
    private readonly NodeOpsShell _shell = new();
    private readonly PatchTestRepository _repo;

    public PatchingTests(PatchTestRepository repo)
    {
        _repo = repo;
        // Never the real reboot: fleet nodes share this machine's kernel.
        _shell.Run("Set-NodeOpsPreference -PatchRebootCommand 'kill $(cat /run/sshd.pid)' | Out-Null");
        TestFleet.Register(_shell, 1, first: 2);
        TestFleet.Register(_shell, 2, first: 4);
    }

    public void Dispose() => _shell.Dispose();

    private Dictionary<string, PatchComplianceItem> Compliance(string node) =>
        _shell.Run<PatchComplianceItem>("Get-PatchCompliance -NodeId $args[0]", node).Where(i => i.PatchId.StartsWith(P)).ToDictionary(i => i.PatchId[P.Length..]);

    private static string Installed(int node, string package) =>
        PatchTestRepository.Exec(node, $"dpkg-query -W -f='${{Version}} ${{db:Status-Abbrev}}' {P}{package}").Trim();

    [Fact]
    public void Scan_finds_each_nodes_own_state_under_the_default_baseline()
    {
        _repo.Prepare(4, "web", "lib", "rej");
        _repo.Prepare(5, "web=1.1", "kern");
        var results = _shell.Run<NodeCommandInvocation>("Invoke-PatchScan -NodeId node4, node5 -MaxConcurrency 1");
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Status == InvocationStatus.Success, r.StatusDetails + r.StandardOutput + r.StandardError));

        var n4 = Compliance("node4");
        Assert.Equal(PatchComplianceState.Missing, n4["web"].State);
        Assert.Equal("1.1", n4["web"].ApprovedVersion);            // 1.2 came out a day ago: not yet 7 days
        Assert.Equal("Security", n4["web"].Classification);
        Assert.Equal("Debian-Security:bookworm-security", n4["web"].Source);
        Assert.InRange((DateTime.UtcNow - n4["web"].ReleaseDate!.Value).TotalDays, 29, 31);
        Assert.Equal(PatchComplianceState.InstalledOther, n4["lib"].State); // only a non-security update exists
        Assert.Equal(PatchComplianceState.Missing, n4["rej"].State);

        var n5 = Compliance("node5");
        Assert.Equal(PatchComplianceState.Installed, n5["web"].State);
        Assert.Equal(PatchComplianceState.Missing, n5["kern"].State);

        // Scanning changed nothing on the nodes.
        Assert.StartsWith("1.0 ", Installed(4, "web"));

        var summary = _shell.Run<PatchComplianceSummary>("Get-PatchComplianceSummary").Single();
        Assert.Equal((3, 0, 2, 1), (summary.TotalNodes, summary.Compliant, summary.NonCompliant, summary.NeverReported));
        Assert.Equal(2, summary.NonCompliantUnspecified); // the default baseline's level
        var html = (string)_shell.Run("Get-PatchComplianceSummary -AsHtml").Single().BaseObject;
        Assert.Contains("<td>node4</td><td>NonCompliant</td>", html);
        Assert.Contains("<td>node2</td><td>NeverReported</td>", html);

        // The same scan as the built-in document, as a maintenance window would run it.
        var doc = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId node4 -DocumentName AWS-RunPatchBaseline -Parameter @{ Operation = 'Scan' }").Single();
        Assert.True(doc.Status == InvocationStatus.Success, doc.StatusDetails);
        var bad = _shell.ExpectError("Invoke-NodeCommand -NodeId node4 -DocumentName NodeOps-RunPatchBaseline -Parameter @{ Operation = 'Patch' }");
        Assert.StartsWith("DocumentParameterInvalid", bad.FullyQualifiedErrorId);
    }

    [Fact]
    public void Install_applies_only_approved_versions_blocks_rejected_and_records_a_partial_failure()
    {
        _repo.Prepare(4, "web", "lib", "rej");
        _repo.Prepare(2, "web", "bad");
        _shell.Run("""
            New-PatchBaseline -Name pt-fast -OperatingSystem Debian -PatchGroup fast -ApprovalRule @(
                @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 0; ComplianceLevel = 'Critical' },
                @{ Filter = 'CLASSIFICATION=*'; ApproveAfterDays = 7; ComplianceLevel = 'Low'; EnableNonSecurity = $true }
            ) -RejectedPatch 'nodeops-pt-rej' -RejectedPatchesAction Block | Out-Null
            Add-ManagedNodeTag -NodeId node4 -Tag @{ PatchGroup = 'fast' } | Out-Null
            """);

        var results = _shell.Run<NodeCommandInvocation>("Install-NodePatch -NodeId node2, node4 -RebootOption NoReboot -MaxErrors 1 -Confirm:$false")
            .ToDictionary(r => r.NodeName);
        Assert.True(results["node4"].Status == InvocationStatus.Success, results["node4"].StatusDetails + results["node4"].StandardOutput);
        Assert.Equal(InvocationStatus.Failed, results["node2"].Status);
        Assert.Equal("PatchOperationFailed", results["node2"].ErrorId);
        Assert.Contains("partial", results["node2"].StatusDetails);

        // node4 under pt-fast: newest security version, the non-security update, and the rejected package untouched.
        Assert.StartsWith("1.2 ii", Installed(4, "web"));
        Assert.StartsWith("1.1 ii", Installed(4, "lib"));
        Assert.StartsWith("1.0 ii", Installed(4, "rej"));
        var n4 = Compliance("node4");
        Assert.Equal((PatchComplianceState.Installed, "1.0", "1.2", ComplianceSeverity.Critical), (n4["web"].State, n4["web"].VersionBefore, n4["web"].VersionAfter, n4["web"].ComplianceLevel));
        Assert.Equal((PatchComplianceState.Installed, ComplianceSeverity.Low), (n4["lib"].State, n4["lib"].ComplianceLevel));
        Assert.Equal(PatchComplianceState.InstalledRejected, n4["rej"].State);
        Assert.All(n4.Values, i => Assert.StartsWith("pb-", i.BaselineId));
        Assert.NotEqual(DefaultPatchBaselines.IdFor(PatchOperatingSystem.Debian), n4["web"].BaselineId);

        // node2 under the default baseline: web really updated, bad left half-configured: a partial install.
        Assert.StartsWith("1.1 ii", Installed(2, "web"));
        var n2 = Compliance("node2");
        Assert.Equal((PatchComplianceState.Installed, "1.0", "1.1"), (n2["web"].State, n2["web"].VersionBefore, n2["web"].VersionAfter));
        Assert.Equal(PatchComplianceState.Failed, n2["bad"].State);
        var state = _shell.Run<PatchComplianceSummary>("Get-PatchComplianceSummary -NodeId node2").Single().Nodes.Single();
        Assert.Equal(("NonCompliant", 1), (state.Status, state.Failed));
        Assert.Equal(2, _shell.Run<PatchComplianceItem>("Get-PatchCompliance -NonCompliant -PatchId 'nodeops-pt-*'").Count); // rej on node4, bad on node2

        // The fleet compliance view holds the same patches as type Patch, with the rule's level as severity.
        var view = _shell.Run<ComplianceItem>("Get-NodeComplianceItem -NodeId node4 -Type Patch").Where(i => i.Id.StartsWith(P)).ToDictionary(i => i.Id[P.Length..]);
        Assert.Equal(n4.Keys.Order(), view.Keys.Order());
        Assert.Equal((ComplianceStatus.Compliant, ComplianceSeverity.Critical, "Installed"), (view["web"].Status, view["web"].Severity, view["web"].Details["State"]));
        Assert.Equal((ComplianceStatus.NonCompliant, "InstalledRejected"), (view["rej"].Status, view["rej"].Details["State"]));
        Assert.Equal(results["node4"].CommandId, view["web"].ExecutionId);
        var failed = _shell.ExpectError("Assert-NodeCompliant -NodeId node2 -Type Patch");
        Assert.StartsWith("NodeNotCompliant", failed.FullyQualifiedErrorId);
        Assert.Contains("nodeops-pt-bad", failed.Exception.Message);
    }

    [Fact]
    public void An_install_that_needs_a_reboot_stays_pending_with_NoReboot_and_reboots_waits_and_rescans_with_RebootIfNeeded()
    {
        _repo.Prepare(5, "kern");
        var first = _shell.Run<NodeCommandInvocation>("Install-NodePatch -NodeId node5 -RebootOption NoReboot -Confirm:$false").Single();
        Assert.True(first.Status == InvocationStatus.Success, first.StatusDetails + first.StandardOutput);
        Assert.Equal(PatchComplianceState.InstalledPendingReboot, Compliance("node5")["kern"].State);
        Assert.Contains("node5 10.", TestFleet.Control("status").Split('\n').Single(l => l.StartsWith("node5 ")) + " ");
        Assert.EndsWith("running", TestFleet.Control("status").Split('\n').Single(l => l.StartsWith("node5 ")).Trim());

        _repo.Prepare(5, "kern");
        var install = Task.Run(() => _shell.Run<NodeCommandInvocation>("Install-NodePatch -NodeId node5 -Confirm:$false").Single());
        // The "reboot" stops sshd; bring the node back as a reboot would (fresh /run: no reboot-required).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!TestFleet.Control("status").Split('\n').Single(l => l.StartsWith("node5 ")).Trim().EndsWith("stopped"))
        {
            Assert.False(install.IsCompleted, "The install ended without rebooting: " + (install.IsCompletedSuccessfully ? install.Result.StandardOutput : install.Exception?.ToString()));
            Assert.True(DateTime.UtcNow < deadline, "node5 was not rebooted within 60 s");
            Thread.Sleep(200);
        }
        TestFleet.Control("start", "5");
        Assert.True(install.Wait(TimeSpan.FromSeconds(90)), "Install-NodePatch did not return after the node came back");
        var result = install.Result;
        Assert.True(result.Status == InvocationStatus.Success, result.StatusDetails + result.StandardOutput);
        Assert.Contains("rebooting", result.StandardOutput);
        Assert.Contains("The node is back", result.StandardOutput);
        var kern = Compliance("node5")["kern"];
        Assert.Equal((PatchComplianceState.Installed, "1.0", "1.1"), (kern.State, kern.VersionBefore, kern.VersionAfter));
        Assert.StartsWith("1.1 ii", Installed(5, "kern"));
        var row = _shell.Run<PatchComplianceSummary>("Get-PatchComplianceSummary -NodeId node5").Single().Nodes.Single();
        Assert.Equal("Compliant", row.Status);
    }

    [Fact]
    public void A_dnf_node_is_scanned_with_advisory_type_severity_and_date_and_patched_to_the_approved_version()
    {
        _repo.PrepareRpm(4, "web", "lib");
        var scan = _shell.Run<NodeCommandInvocation>("Invoke-PatchScan -NodeId node4").Single();
        Assert.True(scan.Status == InvocationStatus.Success, scan.StatusDetails + scan.StandardOutput + scan.StandardError);
        var items = Compliance("node4");
        Assert.True(items.ContainsKey("web"), scan.StandardOutput + scan.StandardError);
        // The shipped Rocky baseline: security advisories 7 days after their date. 1.2's advisory is a day old.
        Assert.Equal((PatchComplianceState.Missing, "1.1-1", "Security", "Important", "NOPS-2026:0001"),
            (items["web"].State, items["web"].ApprovedVersion, items["web"].Classification, items["web"].Severity, items["web"].Source));
        Assert.InRange((DateTime.UtcNow - items["web"].ReleaseDate!.Value).TotalDays, 29, 31);
        Assert.Equal(PatchComplianceState.InstalledOther, items["lib"].State); // a bugfix advisory: not security
        Assert.Equal("NonCompliant", _shell.Run<PatchComplianceSummary>("Get-PatchComplianceSummary -NodeId node4").Single().Nodes.Single().Status);

        var install = _shell.Run<NodeCommandInvocation>("Install-NodePatch -NodeId node4 -RebootOption NoReboot -Confirm:$false").Single();
        Assert.True(install.Status == InvocationStatus.Success, install.StatusDetails + install.StandardOutput + install.StandardError);
        Assert.Equal("1.1-1", PatchTestRepository.Exec(4, $"rpm -q --qf '%{{VERSION}}-%{{RELEASE}}' {P}web").Trim());
        Assert.Equal("1.0-1", PatchTestRepository.Exec(4, $"rpm -q --qf '%{{VERSION}}-%{{RELEASE}}' {P}lib").Trim());
        var web = Compliance("node4")["web"];
        Assert.Equal((PatchComplianceState.Installed, "1.0-1", "1.1-1"), (web.State, web.VersionBefore, web.VersionAfter));
    }
}

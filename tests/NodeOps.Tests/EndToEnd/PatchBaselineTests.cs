using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Baseline cmdlets in the real engine: shipped defaults, create/change/remove, defaults, patch groups, CloudFormation import/export, bad input.</summary>
public class PatchBaselineTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Documents", "patch-baselines");

    public void Dispose() => _shell.Dispose();

    private void ExpectError(string script, string id, ErrorCategory category, params object[] args)
    {
        var error = _shell.ExpectError(script, args);
        Assert.StartsWith(id, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
    }

    [Fact]
    public void Each_operating_system_ships_a_read_only_default_that_can_be_replaced()
    {
        var defaults = _shell.Run<PatchBaseline>("Get-PatchBaseline -DefaultOnly");
        Assert.Equal(Enum.GetValues<PatchOperatingSystem>().Length, defaults.Count);
        Assert.All(defaults, b => Assert.True(b.IsBuiltIn && b.IsDefault));
        var debian = defaults.Single(b => b.OperatingSystem == PatchOperatingSystem.Debian);
        Assert.Equal(7, Assert.Single(debian.ApprovalRules).ApproveAfterDays);

        ExpectError("Remove-PatchBaseline NodeOps-DebianDefaultPatchBaseline", "PatchBaselineReadOnly", ErrorCategory.PermissionDenied);
        ExpectError("Set-PatchBaseline pb-nodeops-debian -Description x", "PatchBaselineReadOnly", ErrorCategory.PermissionDenied);

        var mine = _shell.Run<PatchBaseline>("New-PatchBaseline -Name deb-mine -OperatingSystem Debian -ApprovalRule @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 2; ComplianceLevel = 'High' } -Default").Single();
        Assert.Matches("^pb-[0-9a-f]{17}$", mine.BaselineId);
        Assert.True(mine.IsDefault);
        Assert.False(_shell.Run<PatchBaseline>("Get-PatchBaseline pb-nodeops-debian").Single().IsDefault);
        ExpectError("Remove-PatchBaseline deb-mine", "PatchBaselineInUse", ErrorCategory.ResourceBusy);

        _shell.Run("Set-DefaultPatchBaseline NodeOps-DebianDefaultPatchBaseline | Out-Null");
        _shell.Run("Get-PatchBaseline deb-mine | Remove-PatchBaseline");
        ExpectError("Get-PatchBaseline deb-mine", "PatchBaselineNotFound", ErrorCategory.ObjectNotFound);
        Assert.True(_shell.Run<PatchBaseline>("Get-PatchBaseline -OperatingSystem Debian -DefaultOnly").Single().IsBuiltIn);
    }

    [Fact]
    public void Create_change_and_patch_groups_follow_SSM_rules()
    {
        var b = _shell.Run<PatchBaseline>("""
            New-PatchBaseline -Name web-deb -OperatingSystem Debian -PatchGroup web -GlobalFilter 'PRODUCT=Debian*' -ApprovalRule @(
              @{ Filter = 'CLASSIFICATION=Security', 'PRIORITY=required,important'; ApproveUntilDate = '2026-06-30'; ComplianceLevel = 'Critical' },
              @{ Filter = 'SECTION=net'; ApproveAfterDays = 30; EnableNonSecurity = $true }) -ApprovedPatch 'openssl*' -ApprovedPatchesComplianceLevel Medium `
              -RejectedPatch 'telnet*' -RejectedPatchesAction Block -Source @{ Name = 'mirror'; Products = 'Debian12'; Configuration = 'deb http://mirror.invalid/debian bookworm main' }
            """).Single();
        Assert.Equal(new[] { "web" }, b.PatchGroups);
        Assert.Equal(2, b.ApprovalRules.Count);
        Assert.Equal(new DateTime(2026, 6, 30), b.ApprovalRules[0].ApproveUntilDate);
        Assert.Equal(new[] { "required", "important" }, b.ApprovalRules[0].PatchFilters[1].Values);
        Assert.True(b.ApprovalRules[1].EnableNonSecurity);
        Assert.Equal(RejectedPatchesAction.Block, b.RejectedPatchesAction);

        var changed = _shell.Run<PatchBaseline>("Get-PatchBaseline web-deb | Set-PatchBaseline -RejectedPatch @() -NewName web-debian").Single();
        Assert.Equal("web-debian", changed.Name);
        Assert.Empty(changed.RejectedPatches);
        Assert.Equal(2, changed.ApprovalRules.Count);
        Assert.Equal(new[] { "web" }, changed.PatchGroups);

        _shell.Run("New-PatchBaseline -Name other-deb -OperatingSystem Debian | Out-Null");
        ExpectError("Register-PatchBaselineForPatchGroup other-deb web", "PatchBaselineInUse", ErrorCategory.ResourceExists);
        _shell.Run("New-PatchBaseline -Name web-ubuntu -OperatingSystem Ubuntu | Register-PatchBaselineForPatchGroup -PatchGroup web | Out-Null");
        string[] Complete(string line) => _shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            line.Replace("CATALOG", _shell.CatalogPath)).Select(o => o.ToString()!).ToArray();
        Assert.Equal(new[] { "web-debian", "web-ubuntu" }, Complete("Set-DefaultPatchBaseline -CatalogPath 'CATALOG' -BaselineId web-"));
        Assert.Equal(new[] { "web" }, Complete("Register-PatchBaselineForPatchGroup -CatalogPath 'CATALOG' -BaselineId other-deb -PatchGroup w"));
        Assert.Equal(new[] { "web" }, _shell.Run<PatchBaseline>("Get-PatchBaseline web-ubuntu").Single().PatchGroups);

        ExpectError("New-PatchBaseline -Name web-debian -OperatingSystem Debian", "PatchBaselineNameInUse", ErrorCategory.ResourceExists);
        ExpectError("New-PatchBaseline -Name bad-days -OperatingSystem Debian -ApprovalRule @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 400 }", "InvalidPatchBaseline", ErrorCategory.InvalidArgument);
        ExpectError("New-PatchBaseline -Name bad-key -OperatingSystem Debian -GlobalFilter 'COLOUR=red'", "InvalidPatchBaseline", ErrorCategory.InvalidArgument);
        ExpectError("New-PatchBaseline -Name bad-level -OperatingSystem Debian -ApprovalRule @{ Filter = 'CLASSIFICATION=Security'; ComplianceLevel = 'Severe' }", "InvalidPatchBaseline", ErrorCategory.InvalidArgument);
        ExpectError("Set-PatchBaseline web-debian -ApprovalRule @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 1; ApproveUntilDate = '2026-01-01' }", "InvalidPatchBaseline", ErrorCategory.InvalidArgument);
        // Nothing of the refused calls reached the catalog.
        Assert.Equal(2, _shell.Run<PatchBaseline>("Get-PatchBaseline web-debian").Single().ApprovalRules.Count);
        Assert.Empty(_shell.Run("Get-PatchBaseline 'bad-*'"));
        _shell.Run("New-PatchBaseline -Name whatif-only -OperatingSystem Debian -WhatIf");
        Assert.Empty(_shell.Run("Get-PatchBaseline 'whatif-*'"));
    }

    [Fact]
    public void The_cloudformation_example_imports_and_baselines_round_trip_through_yaml_and_json()
    {
        var imported = _shell.Run<PatchBaseline>("Import-PatchBaseline $args[0]", Path.Combine(Fixtures, "cloudformation-example.yaml")).Single();
        Assert.Equal(("myPatchBaseline", PatchOperatingSystem.Windows), (imported.Name, imported.OperatingSystem));
        Assert.Equal(new[] { "myPatchGroup" }, imported.PatchGroups);
        Assert.Equal(2, imported.ApprovalRules.Count);

        var dir = TestPaths.NewTempDirectory();
        foreach (var file in new[] { "out.yaml", "out.json" })
        {
            var path = Path.Combine(dir, file);
            _shell.Run("Get-PatchBaseline myPatchBaseline | Export-PatchBaseline -Path $args[0] | Out-Null", path);
            Assert.Contains("AWS::SSM::PatchBaseline", File.ReadAllText(path));
            ExpectError("Export-PatchBaseline myPatchBaseline -Path $args[0]", "PatchBaselineFileUnreadable", ErrorCategory.ResourceExists, path);
            _shell.Run("Remove-PatchBaseline myPatchBaseline");
            var again = _shell.Run<PatchBaseline>("Import-PatchBaseline $args[0]", path).Single();
            Assert.Equal(imported.ApprovalRules.Select(r => r.ToString()), again.ApprovalRules.Select(r => r.ToString()));
            Assert.Equal(imported.PatchGroups, again.PatchGroups);
        }
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(dir, "out.json")).TrimStart());

        var json = _shell.Run<PatchBaseline>("Import-PatchBaseline $args[0]", Path.Combine(Fixtures, "debian-security.json")).Single();
        Assert.Equal(RejectedPatchesAction.Block, json.RejectedPatchesAction);
        ExpectError("Import-PatchBaseline $args[0]", "PatchBaselineFileUnreadable", ErrorCategory.ReadError, Path.Combine(dir, "missing.yaml"));
        ExpectError("Import-PatchBaseline -Content 'Resources: { x: { Type: AWS::S3::Bucket } }'", "InvalidPatchBaseline", ErrorCategory.InvalidArgument);
    }
}

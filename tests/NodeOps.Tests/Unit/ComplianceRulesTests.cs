using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Compliance;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using Xunit;

namespace NodeOps.Tests.Unit;

public class ComplianceRulesTests
{
    [Theory]
    [InlineData("Patch", "Patch")]
    [InlineData("patch", "Patch")]
    [InlineData("ASSOCIATION", "Association")]
    [InlineData("custom:Backups", "Custom:Backups")]
    [InlineData("Check:cis-l1.v2_x", "Check:cis-l1.v2_x")]
    public void Type_names_are_normalized(string given, string expected) => Assert.Equal(expected, ComplianceRules.NormalizeType(given));

    [Theory]
    [InlineData("")]
    [InlineData("Custom:")]
    [InlineData("Custom:has space")]
    [InlineData("Backups")]
    [InlineData("Check:a|b")]
    [InlineData("Patches")]
    public void Bad_type_names_are_refused(string type)
    {
        var ex = Assert.Throws<NodeOpsException>(() => ComplianceRules.NormalizeType(type));
        Assert.Equal((ErrorIds.InvalidComplianceType, ErrorCategory.InvalidArgument), (ex.ErrorId, ex.Category));
    }

    [Fact]
    public void Users_write_only_custom_types()
    {
        Assert.Equal("Custom:X", ComplianceRules.NormalizeCustomType("CUSTOM:X"));
        foreach (var t in new[] { "Patch", "Association", "Check:linux" })
            Assert.Equal(ErrorIds.ComplianceTypeReserved, Assert.Throws<NodeOpsException>(() => ComplianceRules.NormalizeCustomType(t)).ErrorId);
    }

    [Theory]
    [InlineData("CRITICAL", ComplianceSeverity.Critical)]
    [InlineData("informational", ComplianceSeverity.Informational)]
    [InlineData(" High ", ComplianceSeverity.High)]
    [InlineData("", ComplianceSeverity.Unspecified)]
    [InlineData(null, ComplianceSeverity.Unspecified)]
    public void Severities_read_as_SSM_writes_them(string? text, ComplianceSeverity expected)
    {
        Assert.True(ComplianceRules.TryParseSeverity(text, out var s));
        Assert.Equal(expected, s);
    }

    [Theory]
    [InlineData("SEVERE")]
    [InlineData("2")]
    [InlineData("Critical, High")]
    public void Unknown_severities_are_refused(string text)
    {
        Assert.False(ComplianceRules.TryParseSeverity(text, out _));
        Assert.Equal(ErrorIds.InvalidComplianceItem, Assert.Throws<NodeOpsException>(() => ComplianceRules.ParseSeverity(text, null)).ErrorId);
    }

    [Fact]
    public void Items_are_read_from_hashtables_and_objects()
    {
        var items = ComplianceRules.ReadItems(new object?[]
        {
            new Hashtable { ["id"] = "a", ["Passed"] = false, ["Severity"] = "high", ["Details"] = new Hashtable { ["n"] = 3 } },
            PSObject.AsPSObject(new { Id = "b", Title = "B is fine", Status = "COMPLIANT", Details = "ok" }),
            new Hashtable { ["Id"] = "c", ["Status"] = "NON_COMPLIANT" },
        });
        Assert.Equal(new[] { "a", "b", "c" }, items.Select(i => i.Id));
        Assert.Equal((ComplianceStatus.NonCompliant, ComplianceSeverity.High, "a", "3"), (items[0].Status, items[0].Severity, items[0].Title, items[0].Details!["n"]));
        Assert.Equal((ComplianceStatus.Compliant, "B is fine", "ok"), (items[1].Status, items[1].Title, items[1].Details!["Message"]));
        Assert.Equal((ComplianceStatus.NonCompliant, ComplianceSeverity.Unspecified), (items[2].Status, items[2].Severity));
    }

    [Theory]
    [InlineData("no id")]
    [InlineData("twice")]
    [InlineData("no status")]
    [InlineData("bad status")]
    [InlineData("null item")]
    public void Bad_items_are_refused(string problem)
    {
        object?[] items = problem switch
        {
            "no id" => new object?[] { new Hashtable { ["Passed"] = true } },
            "twice" => new object?[] { new Hashtable { ["Id"] = "a", ["Passed"] = true }, new Hashtable { ["Id"] = "a", ["Passed"] = false } },
            "no status" => new object?[] { new Hashtable { ["Id"] = "a" } },
            "bad status" => new object?[] { new Hashtable { ["Id"] = "a", ["Status"] = "Maybe" } },
            _ => new object?[] { null },
        };
        var ex = Assert.Throws<NodeOpsException>(() => ComplianceRules.ReadItems(items));
        Assert.Equal((ErrorIds.InvalidComplianceItem, ErrorCategory.InvalidData), (ex.ErrorId, ex.Category));
    }

    [Fact]
    public void Check_suites_come_from_folders_unless_named()
    {
        var root = Infrastructure.TestPaths.NewTempDirectory();
        var linux = Directory.CreateDirectory(Path.Combine(root, "linux baseline")).FullName;
        File.WriteAllText(Path.Combine(linux, "ssh.ps1"), "1");
        File.WriteAllText(Path.Combine(linux, "web.Tests.ps1"), "2");
        var checks = ComplianceCheck.FromFiles(Directory.GetFiles(linux).Order(), null);
        Assert.Equal(new[] { ("linux-baseline", "ssh", ComplianceCheckKind.Script), ("linux-baseline", "web", ComplianceCheckKind.Pester) },
            checks.Select(c => (c.Suite, c.Name, c.Kind)));
        Assert.All(ComplianceCheck.FromFiles(Directory.GetFiles(linux), "cis"), c => Assert.Equal("cis", c.Suite));
        Assert.Equal(ErrorIds.InvalidComplianceType, Assert.Throws<NodeOpsException>(() => ComplianceCheck.FromFiles(Directory.GetFiles(linux), "a b")).ErrorId);

        var roundTrip = ComplianceCheck.FromJson(ComplianceCheck.ToJson(checks), "step");
        Assert.Equal(checks, roundTrip);
        Assert.Equal(ErrorIds.StepInputInvalid, Assert.Throws<NodeOpsException>(() => ComplianceCheck.FromJson("{", "step")).ErrorId);
        Assert.Equal(ErrorIds.StepInputInvalid, Assert.Throws<NodeOpsException>(() => ComplianceCheck.FromJson("[{\"Name\":\"x\",\"Text\":\"1\",\"Kind\":\"Bash\"}]", "step")).ErrorId);
        Assert.Equal(ErrorIds.ComplianceCheckNotFound, Assert.Throws<NodeOpsException>(() => ComplianceCheck.FromPath(Path.Combine(root, "none"), null)).ErrorId);
    }

    [Fact]
    public void Check_results_map_to_items_with_ids_severities_and_errors()
    {
        var checks = new[] { new ComplianceCheck("linux", "ssh", ComplianceCheckKind.Script, ""), new ComplianceCheck("linux", "disk", ComplianceCheckKind.Script, "") };
        PSObject Result(string check, string? id, bool passed, string? severity, string? error = null) => PSObject.AsPSObject(new
        {
            Check = check, Id = id, Title = "t", Passed = passed, Severity = severity, Details = new Hashtable { ["k"] = "v" }, Error = error,
        });
        var items = ComplianceCheckResults.ToItems(new[]
        {
            Result("ssh", "root", false, "HIGH"),
            Result("disk", null, true, "low"),
            Result("disk", null, false, "huge"),
            Result("ssh", null, false, null, "boom"),
            Result("unknown", "x", true, "LOW"),
        }, checks, ComplianceSeverity.Critical)["linux"];
        Assert.Equal(new[] { "root", "disk", "disk#2", "ssh" }, items.Select(i => i.Id));
        Assert.Equal(ComplianceSeverity.Unspecified, items[2].Severity);
        Assert.Contains("huge", items[2].Details!["SeverityProblem"]);
        Assert.Equal((ComplianceStatus.NonCompliant, ComplianceSeverity.Critical, "ssh failed to run"), (items[3].Status, items[3].Severity, items[3].Title));
        Assert.All(items, i => Assert.Equal("v", i.Details!["k"]));
    }

    [Fact]
    public void Checks_of_the_same_name_in_two_suites_keep_their_own_results()
    {
        var checks = new[] { new ComplianceCheck("linux", "ssh", ComplianceCheckKind.Script, ""), new ComplianceCheck("windows", "ssh", ComplianceCheckKind.Script, "") };
        PSObject Result(string suite, string id) => PSObject.AsPSObject(new
        {
            Check = "ssh", Suite = suite, Id = id, Title = "t", Passed = true, Severity = "LOW", Details = new Hashtable(), Error = (string?)null,
        });
        var items = ComplianceCheckResults.ToItems(new[] { Result("linux", "root-login"), Result("windows", "root-login") }, checks, ComplianceSeverity.High);
        Assert.Equal(new[] { "root-login" }, items["linux"].Select(i => i.Id));
        Assert.Equal(new[] { "root-login" }, items["windows"].Select(i => i.Id));
    }
}

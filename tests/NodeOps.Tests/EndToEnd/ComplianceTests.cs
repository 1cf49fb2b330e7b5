using System.Management.Automation;
using System.Management.Automation.Language;
using System.Xml;
using System.Xml.Schema;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Compliance: real check scripts run on fleet nodes (some pass, some fail), custom items, summaries, assertions and reports.</summary>
[Collection("Fleet")]
public class ComplianceTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public ComplianceTests() => _ids = TestFleet.Register(_shell, Math.Min(3, TestFleet.Nodes.Count));

    public void Dispose() => _shell.Dispose();

    private static string Examples => Path.Combine(TestPaths.Root, "docs", "examples");

    private List<ComplianceItem> Items(string args) => _shell.Run<ComplianceItem>("Get-NodeComplianceItem " + args);

    private static string ErrorId(ErrorRecord e) => NodeOpsShell.ErrorIdOf(e);

    /// <summary>The shipped example checks, plus checks that break in each way a check can, and a Pester file.</summary>
    private static string CheckFolder()
    {
        var dir = TestPaths.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "linux"));
        foreach (var f in Directory.GetFiles(Path.Combine(Examples, "checks", "linux"), "*.ps1")) File.Copy(f, Path.Combine(dir, "linux", Path.GetFileName(f)));
        Directory.CreateDirectory(Path.Combine(dir, "broken"));
        File.WriteAllText(Path.Combine(dir, "broken", "throws.ps1"), "$x = 1\nthrow 'database unreachable'\n");
        File.WriteAllText(Path.Combine(dir, "broken", "silent.ps1"), "$null = 42\n");
        File.WriteAllText(Path.Combine(dir, "broken", "writes-error.ps1"), "# a non-terminating error (the node's engine-only host has no Write-Error)\nGet-Command app-config-reader-not-installed\n[pscustomobject]@{ Id = 'never'; Passed = $true }\n");
        File.WriteAllText(Path.Combine(dir, "broken", "two-results.ps1"),
            "[pscustomobject]@{ Passed = $true; Severity = 'low' }\n@{ Title = 'second'; Passed = $false; Severity = 'urgent'; Details = 'free text' }\n'stray text'\n");
        Directory.CreateDirectory(Path.Combine(dir, "pester"));
        File.WriteAllText(Path.Combine(dir, "pester", "web.Tests.ps1"), "Describe 'web' { It 'listens' -Tag HIGH { $true | Should -BeTrue } }\n");
        return dir;
    }

    [Fact]
    public void Checks_run_on_real_nodes_record_items_summaries_and_assertions_and_a_fixed_node_turns_compliant()
    {
        var dir = CheckFolder();
        var node2 = TestFleet.Nodes[1];
        var key = TestFleet.Nodes[0].KeyFile;
        // A registered node outside the tag, never checked: it shows as NotReported.
        _shell.Run("Register-ManagedNode -Name never-checked -Address 127.0.0.1 -Port 1 -UserName root -KeyFilePath $args[0] -Tag @{ Env = 'other' } | Out-Null", key);
        const string allowRoot = "cp /etc/ssh/sshd_config /etc/ssh/sshd_config.compliance-test && sed -i '1i PermitRootLogin yes' /etc/ssh/sshd_config";
        const string restore = "if [ -f /etc/ssh/sshd_config.compliance-test ]; then mv /etc/ssh/sshd_config.compliance-test /etc/ssh/sshd_config; fi";
        try
        {
            // Only node2's own copy-on-write root changes.
            Assert.Equal(InvocationStatus.Success, Assert.Single(_shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId $args[0] -ShellScript $args[1]", node2.Name, allowRoot)).Status);

            var runs = _shell.Run<NodeCommandInvocation>("Invoke-NodeComplianceCheck -Path \"$($args[0])/linux/*.ps1\", \"$($args[0])/broken\", \"$($args[0])/pester\" -Tag Env=test -MaxConcurrency 2", dir);
            Assert.Equal(_ids.Count, runs.Count);
            Assert.All(runs, r =>
            {
                Assert.True(r.Status == InvocationStatus.Success, r.StatusDetails + r.StandardError);
                Assert.Contains("Check:linux: ", r.StandardOutput);
            });
            var command = Assert.Single(_shell.Run<NodeCommand>("Get-NodeCommand -CommandId $args[0]", runs[0].CommandId));
            Assert.Equal(("NodeOps-RunComplianceChecks", CommandStatus.Success), (command.DocumentName, command.Status));
            Assert.Contains("sshd-root-login", command.Parameters["checks"]);

            // Check:linux: the three example checks on every node; only node2 lets root log in with a password.
            var linux = Items("-Type Check:linux");
            Assert.All(linux, i => Assert.Equal(runs[0].CommandId, i.ExecutionId));
            foreach (var id in _ids)
            {
                var mine = linux.Where(i => i.NodeId == id).ToList();
                Assert.Contains(mine, i => i.Id == "sshd-root-login");
                Assert.Contains(mine, i => i.Id == "package-version:openssh-server" && i.IsCompliant && i.Severity == ComplianceSeverity.Critical && i.Details["Installed"].Contains('.'));
                Assert.Contains(mine, i => i.Id == "disk-usage:/" && double.Parse(i.Details["UsedPercent"], System.Globalization.CultureInfo.InvariantCulture) is >= 0 and < 100 && i.Details["FileSystem"].Length > 0);
            }
            var rootLogin = Items("-Type Check:linux -Id sshd-root-login -Status NonCompliant");
            var failing = Assert.Single(rootLogin);
            Assert.Equal((node2.Name, ComplianceSeverity.High, "yes", "/etc/ssh/sshd_config"), (failing.NodeName, failing.Severity, failing.Details["PermitRootLogin"], failing.Details["Source"]));
            Assert.Equal(_ids.Count - 1, Items("-Type Check:linux -Id sshd-root-login -Status Compliant").Count);
            Assert.Contains("sshd-root-login: NonCompliant (HIGH)", failing.ToString());

            // Checks that break become NonCompliant items with the error, at the error severity; nodes are not lost.
            var broken = Items($"-Type Check:broken -NodeId {_ids[0]}");
            Assert.Equal(new[] { "silent", "throws", "two-results", "two-results#2", "writes-error" }, broken.Select(i => i.Id).Order());
            var throws = broken.Single(i => i.Id == "throws");
            Assert.Equal((ComplianceStatus.NonCompliant, ComplianceSeverity.High), (throws.Status, throws.Severity));
            Assert.Contains("database unreachable", throws.Details["Error"]);
            Assert.Contains("line 2", throws.Details["Error"]);
            Assert.Contains("emitted no result", broken.Single(i => i.Id == "silent").Details["Error"]);
            Assert.Contains("app-config-reader-not-installed", broken.Single(i => i.Id == "writes-error").Details["Error"]);
            var first = broken.Single(i => i.Id == "two-results");
            Assert.Equal((ComplianceStatus.Compliant, ComplianceSeverity.Low), (first.Status, first.Severity));
            var second = broken.Single(i => i.Id == "two-results#2");
            Assert.Equal((ComplianceStatus.NonCompliant, ComplianceSeverity.Unspecified, "second", "free text"), (second.Status, second.Severity, second.Title, second.Details["Message"]));
            Assert.Contains("urgent", second.Details["SeverityProblem"]);
            // Pester is not on these nodes: the test file is reported as such, not faked.
            var pester = Assert.Single(Items("-Type Check:pester -NodeId " + _ids[2]));
            Assert.Equal(("web", ComplianceStatus.NonCompliant), (pester.Id, pester.Status));
            Assert.Contains("Pester 5 is not installed", pester.Details["Error"]);

            // Summaries: by type across the fleet, and per node with the never-checked node.
            var byType = _shell.Run<ComplianceTypeSummary>("Get-NodeComplianceSummary");
            Assert.Equal(new[] { "Check:broken", "Check:linux", "Check:pester" }, byType.Select(t => t.Type));
            var linuxSummary = byType.Single(t => t.Type == "Check:linux");
            Assert.Equal(1, linuxSummary.HighCount);
            Assert.Contains(_ids[1], linuxSummary.NonCompliantNodeIds);
            Assert.Equal(linux.Count, linuxSummary.CompliantCount + linuxSummary.NonCompliantCount);
            var brokenSummary = byType.Single(t => t.Type == "Check:broken");
            Assert.Equal((4 * _ids.Count, 3 * _ids.Count, _ids.Count, _ids.Count), (brokenSummary.NonCompliantCount, brokenSummary.HighCount, brokenSummary.UnspecifiedCount, brokenSummary.CompliantCount));
            var perNode = _shell.Run<NodeComplianceSummary>("Get-NodeComplianceSummary -PerNode");
            Assert.Equal(_ids.Count + 1, perNode.Count);
            Assert.Equal(NodeComplianceStatus.NotReported, perNode.Single(n => n.NodeName == "never-checked").Status);
            Assert.All(perNode.Where(n => n.NodeName != "never-checked"), n => Assert.Equal(NodeComplianceStatus.NonCompliant, n.Status));
            var node2Summary = perNode.Single(n => n.NodeId == _ids[1]);
            Assert.Contains("Check:linux", node2Summary.NonCompliantTypes);
            Assert.Equal(5, node2Summary.HighCount);
            Assert.Equal(NodeComplianceStatus.NotReported, perNode[^1].Status);

            // Assert-NodeCompliant: a readable terminating error naming the node and the item.
            var error = _shell.ExpectError("Assert-NodeCompliant -Type Check:linux -Severity High -Tag Env=test");
            Assert.Equal(("NodeNotCompliant", ErrorCategory.InvalidResult), (ErrorId(error), error.CategoryInfo.Category));
            var message = error.Exception.Message;
            Assert.Contains("1 non-compliant item(s) on 1 node(s)", message);
            Assert.Contains($"{node2.Name} ({_ids[1]}):", message);
            Assert.Contains("[HIGH] Check:linux sshd-root-login - SSH root login with a password is off", message);
            Assert.Contains("type Check:linux; severity HIGH", message);
            var silentNode = _shell.ExpectError("Assert-NodeCompliant -NodeId never-checked");
            Assert.Contains("never-checked", silentNode.Exception.Message);
            Assert.Contains("no compliance reported", silentNode.Exception.Message);
            Assert.Empty(_shell.Run("Assert-NodeCompliant -NodeId never-checked -AllowNotReported"));
            Assert.Empty(_shell.Run("Assert-NodeCompliant -Type Check:linux -Severity Informational -Tag Env=test"));
        }
        finally
        {
            _shell.Run("Invoke-NodeCommand -NodeId $args[0] -ShellScript $args[1] | Out-Null", node2.Name, restore);
        }

        // The same checks as a document (what associations and maintenance windows schedule): checksPath is read on the
        // controller; node2's new report replaces its earlier Check:linux items, so the fixed node is compliant again.
        var viaDocument = Assert.Single(_shell.Run<NodeCommandInvocation>(
            "Invoke-NodeCommand -NodeId $args[0] -DocumentName NodeOps-RunComplianceChecks -Parameters @{ checksPath = $args[1]; suite = 'linux' }",
            node2.Name, Path.Combine(dir, "linux", "sshd-root-login.ps1")));
        Assert.Equal(InvocationStatus.Success, viaDocument.Status);
        var now = Assert.Single(Items($"-Type Check:linux -NodeId {_ids[1]}"));
        Assert.Equal(("sshd-root-login", ComplianceStatus.Compliant, viaDocument.CommandId), (now.Id, now.Status, now.ExecutionId));
        Assert.Empty(_shell.Run("Assert-NodeCompliant -Type Check:linux -Severity High -Tag Env=test"));

        // Piped nodes, -WhatIf (nothing runs) and -AsJob (the job's own catalog connection records the items).
        var commands = _shell.Run("Get-NodeCommand").Count;
        _shell.Run("Get-ManagedNode -Name $args[0] | Invoke-NodeComplianceCheck -Path $args[1] -WhatIf", TestFleet.Nodes[2].Name, Path.Combine(dir, "linux"));
        Assert.Equal(commands, _shell.Run("Get-NodeCommand").Count);
        var state = _shell.Run("$j = Get-ManagedNode -Name $args[0] | Invoke-NodeComplianceCheck -Path $args[1] -Suite jobs -AsJob; $null = $j | Wait-Job -Timeout 60; $j.State.ToString()",
            TestFleet.Nodes[2].Name, Path.Combine(dir, "linux", "sshd-root-login.ps1"));
        Assert.Equal("Completed", state.Single().ToString());
        Assert.Equal(_ids[2], Assert.Single(Items("-Type Check:jobs")).NodeId);
    }

    [Fact]
    public void Checks_of_the_same_file_name_in_two_suites_each_record_their_own_items()
    {
        var dir = TestPaths.NewTempDirectory();
        foreach (var suite in new[] { "web", "db" })
        {
            Directory.CreateDirectory(Path.Combine(dir, suite));
            File.WriteAllText(Path.Combine(dir, suite, "ports.ps1"), $"[pscustomobject]@{{ Id = 'ports'; Title = '{suite} ports'; Passed = $true; Severity = 'low' }}\n");
        }
        var run = Assert.Single(_shell.Run<NodeCommandInvocation>("Invoke-NodeComplianceCheck -Path \"$($args[0])/web/*.ps1\", \"$($args[0])/db/*.ps1\" -NodeId $args[1]", dir, _ids[0]));
        Assert.True(run.Status == InvocationStatus.Success, run.StatusDetails + run.StandardError);
        Assert.Equal("web ports", Assert.Single(Items("-Type Check:web")).Title);
        Assert.Equal("db ports", Assert.Single(Items("-Type Check:db")).Title);
    }

    [Fact]
    public void Custom_items_are_validated_replaced_filtered_and_reported_as_html_and_junit()
    {
        _shell.Run("Set-NodeComplianceItem -NodeId $args[0] -Type Custom:Backups -Item @(@{ Id = 'nightly'; Title = '<script>alert(1)</script> & co'; Status = 'NonCompliant'; Severity = 'CRITICAL'; Details = @{ LastRun = '2026-11-01' } }, @{ Id = 'weekly'; Passed = $true; Severity = 'low' }) -ExecutionId backup-run-1",
            _ids[0]);
        _shell.Run("Get-ManagedNode -Name $args[0] | Set-NodeComplianceItem -Type custom:Backups -Item ([pscustomobject]@{ Id = 'nightly'; Status = 'Compliant'; Severity = 'Critical' })", TestFleet.Nodes[1].Name);

        var all = Items("-Type Custom:Backups");
        Assert.Equal(3, all.Count);
        var nightly = Assert.Single(Items($"-Type Custom:* -Status NonCompliant -Severity Critical"));
        Assert.Equal((_ids[0], "nightly", "backup-run-1", "2026-11-01"), (nightly.NodeId, nightly.Id, nightly.ExecutionId, nightly.Details["LastRun"]));
        Assert.Equal(DateTimeKind.Utc, nightly.ExecutedAt.Kind);
        Assert.Single(Items("-Tag Role=db -Type Custom:Backups"));
        Assert.Equal(2, Items("-Id n*").Count);

        // Bad input: a proper error id and category, and what the catalog held is untouched.
        foreach (var (script, id, category) in new[]
        {
            ("Set-NodeComplianceItem -NodeId node1 -Type Backups -Item @{ Id = 'a'; Passed = $true }", "InvalidComplianceType", ErrorCategory.InvalidArgument),
            ("Set-NodeComplianceItem -NodeId node1 -Type Patch -Item @{ Id = 'a'; Passed = $true }", "ComplianceTypeReserved", ErrorCategory.InvalidArgument),
            ("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -Item @{ Id = 'a'; Passed = $true; Severity = 'SEVERE' }", "InvalidComplianceItem", ErrorCategory.InvalidData),
            ("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -Item @{ Id = 'a'; Status = 'Maybe' }", "InvalidComplianceItem", ErrorCategory.InvalidData),
            ("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -Item @{ Id = 'a'; Passed = $true }, @{ Id = 'a'; Passed = $false }", "InvalidComplianceItem", ErrorCategory.InvalidData),
            ("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -Item @{ Title = 'no id'; Passed = $true }", "InvalidComplianceItem", ErrorCategory.InvalidData),
            ("Get-NodeComplianceItem -Type 'Custom:bad name'", "InvalidComplianceType", ErrorCategory.InvalidArgument),
            ("Invoke-NodeComplianceCheck -Path ./no-such-checks/*.ps1 -Tag Env=test", "ComplianceCheckNotFound", ErrorCategory.ObjectNotFound),
        })
        {
            var e = _shell.ExpectError(script);
            Assert.True(id == ErrorId(e), $"{script}: {e.FullyQualifiedErrorId} {e}");
            Assert.Equal(category, e.CategoryInfo.Category);
        }
        Assert.Equal("NodeNotFound", ErrorId(_shell.ExpectError("Set-NodeComplianceItem -NodeId nosuchnode -Type Custom:Backups -Item @()")));
        Assert.Empty(_shell.Run("Get-NodeCommand"));
        _shell.Run("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -Item @() -WhatIf");
        Assert.Equal(3, Items("-Type Custom:Backups").Count);

        // HTML: rendered by headless Chromium, read back as the text a reader sees.
        var dir = TestPaths.NewTempDirectory();
        var html = Path.Combine(dir, "report.html");
        _shell.Run("Export-NodeComplianceReport -Path $args[0] -Title 'Backups <prod>'", html);
        var text = HeadlessChromium.RenderedTextAsync(html, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        Assert.Contains("Backups <prod>", text);
        Assert.Contains("Nodes: 3", text);
        Assert.Contains("Non-compliant nodes: 1", text);
        Assert.Contains("Compliant nodes: 1", text);
        Assert.Contains("Not reported: 1", text);
        Assert.Contains("<script>alert(1)</script> & co", text);
        Assert.Contains("No compliance items reported.", text);
        // Non-compliant nodes first: node1's section comes before node2's and node3's.
        var sections = new[] { TestFleet.Nodes[0], TestFleet.Nodes[1], TestFleet.Nodes[2] }.Select(n => text.IndexOf($"{n.Name} (", StringComparison.Ordinal)).ToArray();
        Assert.All(sections, s => Assert.True(s >= 0));
        Assert.True(sections[0] < sections[2] && sections[2] < sections[1], text);
        Assert.DoesNotContain("<script>", File.ReadAllText(html));

        // JUnit: valid against the Jenkins/Ant JUnit schema, one testsuite per node (or per type), failures for NonCompliant.
        var junit = Path.Combine(dir, "compliance.xml");
        _shell.Run("Export-NodeComplianceReport -Path $args[0]", junit);
        var doc = ValidatedJUnit(junit);
        Assert.Equal(3, doc.SelectNodes("/testsuites/testsuite")!.Count);
        Assert.Equal("1", doc.SelectSingleNode("/testsuites/@failures")!.Value);
        Assert.Equal("1", doc.SelectSingleNode("/testsuites/@errors")!.Value);
        var failure = (XmlElement)doc.SelectSingleNode($"/testsuites/testsuite[@id='{_ids[0]}']/testcase/failure")!;
        Assert.Equal("CRITICAL", failure.GetAttribute("type"));
        Assert.Contains("LastRun: 2026-11-01", failure.InnerText);
        _shell.Run("Export-NodeComplianceReport -Path $args[0] -Format JUnit -GroupBy Type -Type Custom:Backups", junit);
        doc = ValidatedJUnit(junit);
        var suite = (XmlElement)doc.SelectSingleNode("/testsuites/testsuite")!;
        Assert.Equal(("Custom:Backups", "3", "1"), (suite.GetAttribute("name"), suite.GetAttribute("tests"), suite.GetAttribute("failures")));
        Assert.Equal("ComplianceReportFailed", ErrorId(_shell.ExpectError("Export-NodeComplianceReport -Path $args[0] -NoClobber", junit)));

        // A partial report adds or replaces only the items it names (one association reporting on itself).
        _shell.Run("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -UploadType Partial -Item @{ Id = 'monthly'; Passed = $false; Severity = 'medium' }");
        Assert.Equal(new[] { "monthly", "nightly", "weekly" }, Items($"-Type Custom:Backups -NodeId {_ids[0]}").Select(i => i.Id));
        // A later complete report of the type replaces the node's items; an empty one clears them.
        _shell.Run("Set-NodeComplianceItem -NodeId node1 -Type Custom:Backups -Item @()");
        Assert.Equal(new[] { _ids[1] }, Items("-Type Custom:Backups").Select(i => i.NodeId).Distinct());
    }

    private static XmlDocument ValidatedJUnit(string path)
    {
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, Path.Combine(TestPaths.Root, "tests", "NodeOps.Tests", "Schemas", "junit-10.xsd"));
        var problems = new List<string>();
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(path, settings);
        var doc = new XmlDocument();
        doc.Load(reader);
        Assert.Empty(problems);
        return doc;
    }

    [Fact]
    public void The_Pester_example_and_the_example_checks_parse_with_the_engine_parser()
    {
        var files = Directory.GetFiles(Examples, "*.ps1", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("Fleet.Compliance.Tests.ps1"));
        Assert.True(files.Length >= 4);
        foreach (var file in files)
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            Assert.True(errors.Length == 0, file + ": " + string.Join("; ", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
            Assert.NotNull(ast);
        }
        // Every NodeOps cmdlet the Pester example calls exists.
        var example = Parser.ParseFile(Path.Combine(Examples, "Fleet.Compliance.Tests.ps1"), out _, out _);
        var used = example.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).Where(n => n is not null && n.Contains("Node")).Distinct().ToList();
        var exported = _shell.Run("(Get-Command -Module NodeOps).Name").Select(o => o.ToString()).ToHashSet();
        Assert.All(used, n => Assert.Contains(n!, exported));
        Assert.Contains("Assert-NodeCompliant", used);
    }
}

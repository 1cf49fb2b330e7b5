using NodeOps.Core.Inventory;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Inventory gathered from the real fleet: packages, services, network, node information, a planted jar, and drift.</summary>
[Collection("Fleet")]
public class InventoryTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public InventoryTests() => _ids = TestFleet.Register(_shell, Math.Min(3, TestFleet.Nodes.Count));

    public void Dispose() => _shell.Dispose();

    private List<System.Management.Automation.PSObject> Rows(string args) => _shell.Run("Get-NodeInventory " + args).ToList();

    private System.Management.Automation.ErrorRecord ErrorOf(string script) => Assert.Single(_shell.RunAllowingErrors(script).Errors);

    private static string P(System.Management.Automation.PSObject row, string name) => row.Properties[name]?.Value?.ToString() ?? "";

    [Fact]
    public void Every_type_is_collected_from_real_nodes_and_queried_with_typed_versions()
    {
        var results = _shell.Run<NodeCommandInvocation>("Invoke-NodeInventory -Tag Env=test");
        Assert.All(results, r =>
        {
            Assert.True(r.Status == InvocationStatus.Success, r.StatusDetails + r.StandardError);
            Assert.Contains("AWS:Application:", r.StandardOutput);
        });

        var info = Rows("NodeInformation");
        Assert.Equal(_ids.Count, info.Count);
        Assert.All(info, i => { Assert.Equal("Linux", P(i, "PlatformType")); Assert.True(int.Parse(P(i, "CpuCount")) > 0); Assert.True(int.Parse(P(i, "MemoryMB")) > 0); });
        Assert.Equal(_ids.Count, info.Select(i => P(i, "ComputerName")).Distinct().Count());

        // openssh-server is really installed on every node (it is what serves them).
        var ssh = Rows("Application { Name -eq 'openssh-server' }");
        Assert.Equal(_ids.Count, ssh.Count);
        Assert.All(ssh, s => Assert.IsType<PackageVersion>(s.Properties["Version"].Value));
        var version = P(ssh[0], "Version");
        Assert.Empty(Rows($"Application {{ Name -eq 'openssh-server' -and Version -lt '{version}' }}"));
        Assert.Equal(_ids.Count, Rows($"Application {{ Name -eq 'openssh-server' -and Version -le '{version}' -and Version -gt '1:1.0' }}").Count);
        // A filter that is not a simple comparison runs as PowerShell per row; the answer is the same.
        Assert.Equal(_ids.Count, Rows("Application { $_.Name -eq 'openssh-server' -and $_.Version.Value.Length -gt 0 }").Count);
        Assert.True(Rows("Application { Name -like 'lib*' }").Count > _ids.Count);
        Assert.Equal(new[] { _ids[0] }, Rows("Application -NodeId node1 { Name -like 'openssh-*' }").Select(r => P(r, "NodeId")).Distinct());

        var nics = Rows("Network { Name -ne 'lo' }");
        // The fleet's subnet follows FLEET_NET: take it from a node's address.
        var subnet = System.Text.RegularExpressions.Regex.Escape(TestFleet.Nodes[0].Address[..(TestFleet.Nodes[0].Address.LastIndexOf('.') + 1)]);
        Assert.All(nics, n => Assert.Matches($@"^{subnet}\d+/24$", P(n, "IPV4")));
        Assert.Equal(_ids.Count, nics.Count);
        Assert.NotNull(Rows("Service"));

        // Summaries count nodes per value: every node runs the same OS here, and has openssh-server at one version.
        var os = _shell.Run("Get-NodeInventorySummary NodeInformation").ToList();
        Assert.Equal(_ids.Count, os.Sum(g => (int)g.Properties["NodeCount"].Value));
        var sshd = Assert.Single(_shell.Run("Get-NodeInventorySummary Application { Name -eq 'openssh-server' }"));
        Assert.Equal(version, P(sshd, "Version"));
        Assert.Equal(_ids.Count, (int)sshd.Properties["NodeCount"].Value);
        Assert.Equal(_ids.Count, ((string[])sshd.Properties["NodeIds"].Value).Length);
        var byState = _shell.Run("Get-NodeInventorySummary Service -GroupBy Status").ToList();
        Assert.Equal(Rows("Service").Count, byState.Sum(g => (int)g.Properties["RowCount"].Value));
        Assert.Equal(byState.Count, byState.Select(g => P(g, "Status")).Distinct().Count());
        var missing = ErrorOf("Get-NodeInventorySummary Application -GroupBy NoSuchProperty");
        Assert.Equal("InventoryPropertyNotFound", NodeOpsShell.ErrorIdOf(missing));

        // Export: CSV with the node on every row, and JSON that reads back the same rows.
        var dir = TestPaths.NewTempDirectory();
        _shell.Run($"Export-NodeInventory Application {{ Name -like 'openssh*' }} -Path '{dir}/apps.csv'");
        var csv = File.ReadAllLines(Path.Combine(dir, "apps.csv"));
        Assert.StartsWith("NodeId,NodeName,TypeName,Name,Version,", csv[0]);
        Assert.Equal(Rows("Application { Name -like 'openssh*' }").Count + 1, csv.Length);
        Assert.Contains(csv, l => l.Contains(",openssh-server," + version + ","));
        _shell.Run($"Export-NodeInventory -TypeName NodeInformation -Path '{dir}/nodes.json'");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "nodes.json")));
        Assert.Equal(_ids.OrderBy(x => x), json.RootElement.EnumerateArray().Select(e => e.GetProperty("NodeId").GetString()).OrderBy(x => x));
        var clobber = ErrorOf($"Export-NodeInventory NodeInformation -Path '{dir}/nodes.json' -NoClobber");
        Assert.Equal("InventoryExportFailed", NodeOpsShell.ErrorIdOf(clobber));
    }

    [Fact]
    public void Custom_inventory_files_kept_on_a_node_are_gathered_and_bad_ones_reported()
    {
        const string folder = "/var/lib/nodeops/inventory/custom";
        var files = $"mkdir -p {folder} && cat > {folder}/rack.json <<'EOF'\n" +
            "{ \"SchemaVersion\": \"1.0\", \"TypeName\": \"Custom:RackInfo\", \"Content\": { \"Rack\": \"r12\", \"Slot\": 7 } }\nEOF\n" +
            $"printf '{{ \"TypeName\": \"NotCustom\", \"Content\": {{}} }}' > {folder}/bad.json";
        try
        {
            Assert.Equal(InvocationStatus.Success, Assert.Single(_shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId node1 -ShellScript $args[0]", files)).Status);
            var run = Assert.Single(_shell.Run<NodeCommandInvocation>("Invoke-NodeInventory -NodeId node1 -TypeName Custom"));
            Assert.Equal(InvocationStatus.Success, run.Status);
            Assert.Contains("Custom:RackInfo: 1 item(s)", run.StandardOutput);
            Assert.Contains("bad.json", run.StandardError);
            Assert.Contains("NotCustom", run.StandardError);
            var rack = Assert.Single(Rows("Custom:RackInfo"));
            Assert.Equal(("r12", "7", _ids[0]), (P(rack, "Rack"), P(rack, "Slot"), P(rack, "NodeId")));
        }
        finally
        {
            _shell.Run("Invoke-NodeCommand -NodeId node1 -ShellScript $args[0] | Out-Null", $"rm -rf {folder}");
        }
    }

    [Fact]
    public void Custom_inventory_is_stored_with_a_schema_and_its_changes_recorded()
    {
        _shell.Run("Set-NodeInventory -NodeId node1 -TypeName Custom:AppConfig -Content @(@{ Name = 'api'; Port = '8080' }, @{ Name = 'web'; Port = '80' })");
        var rows = Rows("Custom:AppConfig");
        Assert.Equal(new[] { "api", "web" }, rows.Select(r => P(r, "Name")).Order());
        Assert.All(rows, r => Assert.Equal(_ids[0], P(r, "NodeId")));

        Assert.Equal("8080", P(Assert.Single(Rows("Custom:AppConfig { Name -eq 'api' }")), "Port"));

        // The second write replaces the rows and its changes are drift.
        var changes = _shell.Run<InventoryChange>("Get-ManagedNode -Name node1 | Set-NodeInventory -TypeName Custom:AppConfig -Content @([pscustomobject]@{ Name = 'api'; Port = '9090' }) -PassThru");
        Assert.Equal(new[] { InventoryChangeKind.Removed, InventoryChangeKind.Changed }, changes.Select(c => c.Change).Order());
        Assert.Equal("9090", P(Assert.Single(Rows("Custom:AppConfig { Name -eq 'api' }")), "Port"));
        Assert.Equal(2, _shell.Run<InventoryChange>("Get-NodeInventoryChange -TypeName Custom:AppConfig").Count);

        // Rows that do not fit the schema are refused and change nothing; -Force makes them the schema.
        var mismatch = ErrorOf("Set-NodeInventory -NodeId node1 -TypeName Custom:AppConfig -Content @{ Name = 'api'; Listen = '0.0.0.0' }");
        Assert.Equal("InventorySchemaMismatch", NodeOpsShell.ErrorIdOf(mismatch));
        Assert.Contains("Listen", mismatch.Exception.Message);
        Assert.Equal("9090", P(Assert.Single(Rows("Custom:AppConfig")), "Port"));
        _shell.Run("Set-NodeInventory -NodeId node1 -TypeName Custom:AppConfig -Content @{ Name = 'api'; Listen = '0.0.0.0' } -Force");
        Assert.Equal("0.0.0.0", P(Assert.Single(Rows("Custom:AppConfig")), "Listen"));

        // A repeated query's kept answer is dropped when another process changes inventory.
        Assert.Equal("0.0.0.0", P(Assert.Single(Rows("Custom:AppConfig { Name -eq 'api' }")), "Listen"));
        var other = HostProcess.Run($"Set-NodeInventory -NodeId node1 -TypeName Custom:AppConfig -Content @{{ Name = 'api'; Listen = '127.0.0.1' }} -CatalogPath '{_shell.CatalogPath}'");
        Assert.True(other.Code == 0, other.Err);
        Assert.Equal("127.0.0.1", P(Assert.Single(Rows("Custom:AppConfig { Name -eq 'api' }")), "Listen"));

        var badName = ErrorOf("Set-NodeInventory -NodeId node1 -TypeName AppConfig -Content @{ Name = 'x' }");
        Assert.Equal("InvalidInventoryTypeName", NodeOpsShell.ErrorIdOf(badName));
        var ragged = ErrorOf("Set-NodeInventory -NodeId node1 -TypeName Custom:Other -Content @{ A = '1' }, @{ B = '2' }");
        Assert.Equal("InvalidInventoryContent", NodeOpsShell.ErrorIdOf(ragged));
        Assert.Empty(Rows("Custom:Other"));
        _shell.Run("Set-NodeInventory -NodeId node2 -TypeName Custom:AppConfig -Content @{ Name = 'x'; Listen = '1' } -WhatIf");
        Assert.Empty(Rows("Custom:AppConfig -NodeId node2"));
    }

    [Fact]
    public void A_planted_jar_is_found_across_the_fleet()
    {
        _shell.Run("Invoke-NodeCommand -NodeId node2 -ShellScript 'mkdir -p /opt/nodeops-hunt/app/lib && printf jar > /opt/nodeops-hunt/app/lib/log4j-core-2.14.1.jar && printf x > /opt/nodeops-hunt/app/lib/other.jar' | Out-Null");
        _shell.Run("Invoke-NodeInventory -Tag Env=test -TypeName @() -File @{ Path = '/opt/nodeops-hunt'; Pattern = '**/log4j-core-*.jar'; Recursive = $true } | Out-Null");
        var hits = Rows("File { Name -like 'log4j-core-*' }");
        var hit = Assert.Single(hits);
        Assert.Equal(_ids[1], P(hit, "NodeId"));
        Assert.Equal("/opt/nodeops-hunt/app/lib/log4j-core-2.14.1.jar", P(hit, "Path"));
        Assert.Equal("3", P(hit, "Size"));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("jar"u8.ToArray())).ToLowerInvariant(), P(hit, "Sha256"));
        _shell.Run("Invoke-NodeCommand -NodeId node2 -ShellScript 'rm -rf /opt/nodeops-hunt' | Out-Null");
    }

    [Fact]
    public void Installing_and_removing_a_package_on_one_node_is_recorded_as_drift()
    {
        _shell.Run("Invoke-NodeCommand -NodeId node3 -ShellScript 'dpkg -r nodeops-drift-demo >/dev/null 2>&1 || true' | Out-Null"); // a clean start
        _shell.Run("Invoke-NodeInventory -Tag Env=test -TypeName Application | Out-Null");
        var start = DateTime.UtcNow;
        const string build = """
            set -e
            d=$(mktemp -d); mkdir -p $d/pkg/DEBIAN $d/pkg/usr/share/nodeops-drift
            printf 'Package: nodeops-drift-demo\nVersion: 1.2-3\nArchitecture: all\nMaintainer: NodeOps Tests <tests@nodeops.invalid>\nDescription: drift test\n' > $d/pkg/DEBIAN/control
            echo demo > $d/pkg/usr/share/nodeops-drift/README
            dpkg-deb --build $d/pkg $d/demo.deb >/dev/null && dpkg -i $d/demo.deb >/dev/null && rm -rf $d
            """;
        var installed = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -NodeId node3 -ShellScript $args[0]", build).Single();
        Assert.True(installed.Status == InvocationStatus.Success, installed.StandardError);
        _shell.Run("Invoke-NodeInventory -Tag Env=test -TypeName Application | Out-Null");
        var added = _shell.Run<InventoryChange>("Get-NodeInventoryChange -Since $args[0] -TypeName Application", start);
        var change = Assert.Single(added);
        Assert.Equal((InventoryChangeKind.Added, _ids[2], "nodeops-drift-demo:all"), (change.Change, change.NodeId, change.Key));
        Assert.Equal("1.2-3", change.After!["Version"]);
        Assert.Single(Rows("Application { Name -eq 'nodeops-drift-demo' -and Version -lt '1.2-10' }"));

        _shell.Run("Invoke-NodeCommand -NodeId node3 -ShellScript 'dpkg -r nodeops-drift-demo >/dev/null' | Out-Null");
        _shell.Run("Invoke-NodeInventory -NodeId node3 -TypeName Application | Out-Null");
        var all = _shell.Run<InventoryChange>("Get-NodeInventoryChange -Since $args[0] -NodeId node3", start);
        Assert.Equal(new[] { InventoryChangeKind.Added, InventoryChangeKind.Removed }, all.Select(c => c.Change));
        Assert.Empty(Rows("Application { Name -eq 'nodeops-drift-demo' }"));
    }
}

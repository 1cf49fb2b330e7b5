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
        Assert.All(nics, n => Assert.Matches(@"^10\.77\.0\.\d+/24$", P(n, "IPV4")));
        Assert.Equal(_ids.Count, nics.Count);
        Assert.NotNull(Rows("Service"));
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

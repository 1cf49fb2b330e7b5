using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Fleet views read live from real nodes: processes, services, directories, file tails (with -Wait) and disks.</summary>
[Collection("Fleet")]
public class FleetViewTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;
    // The test nodes are network namespaces on this machine, so a file written here is the file they read.
    private readonly string _dir = TestPaths.NewTempDirectory();

    public FleetViewTests() => _ids = TestFleet.Register(_shell, Math.Min(2, TestFleet.Nodes.Count));

    public void Dispose() => _shell.Dispose();

    private ErrorRecord ErrorOf(string script) => Assert.Single(_shell.RunAllowingErrors(script).Errors);

    [Fact]
    public void Processes_services_and_disks_come_back_typed_per_node()
    {
        _shell.Run("Invoke-NodeCommand -NodeId node1 -ShellScript 'setsid sleep 4321 </dev/null >/dev/null 2>&1 &' | Out-Null");
        var sleepers = _shell.Run<NodeProcess>("Get-NodeProcess node1 -Name sleep");
        var mine = Assert.Single(sleepers, p => p.CommandLine == "sleep 4321");
        Assert.Equal(_ids[0], mine.NodeId);
        Assert.True(mine.Id > 0 && mine.StartTime > DateTime.UtcNow.AddMinutes(-5));
        _shell.Run($"Invoke-NodeCommand -NodeId node1 -ShellScript 'kill {mine.Id}' | Out-Null");
        Assert.True(SpinWait.SpinUntil(() => _shell.Run<NodeProcess>("Get-NodeProcess node1 -Name sleep").All(p => p.Id != mine.Id), TimeSpan.FromSeconds(10)),
            "the killed process is gone");

        var sshd = _shell.Run<NodeProcess>("Get-NodeProcess -Tag Env=test -Name sshd*");
        Assert.Equal(_ids.Order(), sshd.Select(p => p.NodeId).Distinct().Order());

        var services = _shell.Run<NodeServiceStatus>("Get-ManagedNode -Tag Env=test | Get-NodeServiceStatus -Name ssh*");
        Assert.Equal(_ids.Order(), services.Select(s => s.NodeId).Distinct().Order());
        Assert.All(services, s => Assert.StartsWith("ssh", s.Name));

        var disks = _shell.Run<NodeDiskUsage>("Get-NodeDiskUsage node1");
        var root = Assert.Single(disks, d => d.Name == "/");
        Assert.True(root.SizeGB > 0 && root.FreeGB <= root.SizeGB && root.UsedPercent is >= 0 and <= 100, $"{root.SizeGB} {root.FreeGB} {root.UsedPercent}");
        Assert.DoesNotContain(disks, d => d.FileSystem is "proc" or "sysfs" or "tmpfs");
    }

    [Fact]
    public void A_directory_lists_with_modes_sizes_and_links()
    {
        File.WriteAllText(Path.Combine(_dir, "app.conf"), "port=80\n");
        File.SetUnixFileMode(Path.Combine(_dir, "app.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Directory.CreateDirectory(Path.Combine(_dir, "logs"));
        File.CreateSymbolicLink(Path.Combine(_dir, "current"), Path.Combine(_dir, "app.conf"));

        var items = _shell.Run<NodeFileItem>("Get-NodeFile node1 $args[0]", _dir).ToDictionary(i => i.Name);
        Assert.Equal(new[] { "app.conf", "current", "logs" }, items.Keys.Order());
        Assert.Equal("rw-r-----", items["app.conf"].Mode);
        Assert.Equal(8, items["app.conf"].Length);
        Assert.True(items["logs"].IsDirectory);
        Assert.Equal(Path.Combine(_dir, "app.conf"), items["current"].LinkTarget);

        var missing = ErrorOf("Get-NodeFile node1 /no/such/dir");
        Assert.Equal("NodeQueryFailed", NodeOpsShell.ErrorIdOf(missing));
        Assert.IsType<ManagedNode>(missing.TargetObject);
        Assert.Contains("/no/such/dir", missing.Exception.Message);
    }

    [Fact]
    public void A_file_is_read_whole_or_tailed_from_many_nodes()
    {
        var log = Path.Combine(_dir, "app.log");
        File.WriteAllLines(log, Enumerable.Range(1, 5000).Select(i => $"line {i} " + new string('x', 40)));
        var tail = _shell.Run("Get-NodeFileContent -Tag Env=test -Path $args[0] -Tail 3", log);
        Assert.Equal(3 * _ids.Count, tail.Count);
        Assert.Equal(new[] { "line 4998", "line 4999", "line 5000" }, tail.Where(l => (string)l.Properties["NodeName"].Value == "node1").Select(l => l.ToString()[..9]));
        Assert.All(tail, l => Assert.Equal(log, l.Properties["Path"].Value));
        Assert.Equal(5000, _shell.Run("Get-NodeFileContent node2 $args[0]", log).Count);
        Assert.Equal("WaitNeedsOneNode", NodeOpsShell.ErrorIdOf(ErrorOf($"Get-NodeFileContent -Tag Env=test -Path '{log}' -Wait")));
    }

    [Fact]
    public void Wait_follows_new_lines_and_a_rotated_file_until_stopped()
    {
        var log = Path.Combine(_dir, "follow.log");
        File.WriteAllLines(log, Enumerable.Range(1, 20).Select(i => $"old {i}"));
        using var ps = PowerShell.Create();
        ps.Runspace = _shell.Runspace;
        ps.AddScript("Get-NodeFileContent node1 -Path $args[0] -Wait -PollIntervalMilliseconds 200").AddArgument(log);
        var output = new PSDataCollection<PSObject>();
        var running = ps.BeginInvoke<PSObject, PSObject>(null, output);

        bool Seen(string line) => SpinWait.SpinUntil(() => output.ToArray().Any(o => o.ToString() == line), TimeSpan.FromSeconds(30));
        Assert.True(Seen("old 20"), "the last lines are shown first");
        File.AppendAllText(log, "new 1\nnew 2\npartial");
        Assert.True(Seen("new 2"));
        Assert.DoesNotContain(output.ToArray(), o => o.ToString() == "partial");
        File.AppendAllText(log, " line\n");
        Assert.True(Seen("partial line"));
        File.WriteAllText(log, "after rotation\n");
        Assert.True(Seen("after rotation"));

        ps.Stop();
        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)));
        Assert.Equal(10, output.ToArray().Count(o => o.ToString()!.StartsWith("old ")));
    }
}

using System.Diagnostics;

namespace NodeOps.Tests.Infrastructure;

/// <summary>The real sshd nodes started by tests/fleet/fleet.sh, and the levers to make one misbehave.</summary>
public sealed record FleetNode(int Index, string Name, string Address, int Port, string User, string KeyFile);

public static class TestFleet
{
    private static readonly Lazy<IReadOnlyList<FleetNode>> LazyNodes = new(Load);

    public static IReadOnlyList<FleetNode> Nodes => LazyNodes.Value;

    private static IReadOnlyList<FleetNode> Load()
    {
        var tsv = Path.Combine(TestPaths.FleetState, "nodes.tsv");
        if (!File.Exists(tsv))
            throw new InvalidOperationException($"The test fleet is not up ({tsv} missing). Run the tests with tests/run-tests.sh, or start it: tests/fleet/fleet.sh up 6");
        return File.ReadAllLines(tsv).Skip(1).Where(l => l.Trim().Length > 0).Select((line, i) =>
        {
            var f = line.Split('\t');
            return new FleetNode(i + 1, f[0], f[1], int.Parse(f[2]), f[3], f[4]);
        }).ToList();
    }

    /// <summary>Runs a fleet.sh subcommand (stop, start, rekey, denyauth, allowauth, blackhole, ...).</summary>
    public static string Control(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(TestPaths.FleetScript);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["FLEET_STATE"] = TestPaths.FleetState;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("fleet.sh " + string.Join(' ', args)); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"fleet.sh {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Registers fleet nodes 1..count in the shell's catalog with Env/Role tags; returns their node ids.</summary>
    public static List<string> Register(NodeOpsShell shell, int count, int first = 1)
    {
        var ids = new List<string>();
        foreach (var n in Nodes.Skip(first - 1).Take(count))
        {
            var role = n.Index % 2 == 0 ? "db" : "web";
            var node = shell.Run("Register-ManagedNode -Name $args[0] -Address $args[1] -Port $args[2] -UserName $args[3] -KeyFilePath $args[4] -Tag @{ Env = 'test'; Role = $args[5]; Index = $args[6] }",
                n.Name, n.Address, n.Port, n.User, n.KeyFile, role, n.Index.ToString());
            ids.Add((string)node[0].Properties["NodeId"].Value);
        }
        return ids;
    }
}

/// <summary>End-to-end tests that change fleet nodes' behaviour must not overlap.</summary>
[Xunit.CollectionDefinition("Fleet", DisableParallelization = true)]
public sealed class FleetCollection { }

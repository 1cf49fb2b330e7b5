namespace NodeOps.Tests.Infrastructure;

/// <summary>Where the repository, the staged module, the host and the test fleet are.</summary>
public static class TestPaths
{
    public static string Root { get; } = FindRoot();
    public static string ModuleManifest => Path.Combine(Root, "out", "NodeOps", "NodeOps.psd1");
    public static string HostExecutable => Path.Combine(Root, "out", "host", "nodeops");
    public static string FleetScript => Path.Combine(Root, "tests", "fleet", "fleet.sh");
    public static string FleetState => Environment.GetEnvironmentVariable("FLEET_STATE") is { Length: > 0 } s ? s : Path.Combine(Root, ".fleet");

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nodeops-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NodeOps.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (NodeOps.sln) above " + AppContext.BaseDirectory);
    }
}

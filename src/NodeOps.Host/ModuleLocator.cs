namespace NodeOps.Host;

/// <summary>Finds the NodeOps module to preload: $env:NODEOPS_MODULE, else ../NodeOps/NodeOps.psd1 beside the host.</summary>
internal static class ModuleLocator
{
    public static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("NODEOPS_MODULE");
        if (!string.IsNullOrWhiteSpace(fromEnv) && File.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
        var beside = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "NodeOps", "NodeOps.psd1"));
        return File.Exists(beside) ? beside : null;
    }
}

namespace NodeOps.Core.Catalog;

/// <summary>Where the catalog file lives: -CatalogPath, else $env:NODEOPS_CATALOG, else the user's profile.</summary>
public static class CatalogLocation
{
    public const string EnvironmentVariable = "NODEOPS_CATALOG";

    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        return Path.Combine(DefaultDirectory(), "catalog.db");
    }

    public static string DefaultDirectory()
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "NodeOps");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nodeops");
    }
}

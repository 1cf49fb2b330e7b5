namespace NodeOps.Core.Transport;

/// <summary>Per-call connection knobs, and where the SSH known_hosts file for this catalog lives.</summary>
public sealed record ConnectionSettings(string KnownHostsPath, TimeSpan ConnectTimeout)
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);

    public static ConnectionSettings ForCatalog(string catalogPath, TimeSpan? connectTimeout = null) =>
        new(Path.Combine(Path.GetDirectoryName(catalogPath)!, "known_hosts"), connectTimeout ?? DefaultConnectTimeout);
}

namespace NodeOps.Core.Transport;

/// <summary>Per-call connection knobs, and where the SSH known_hosts file for this catalog lives.</summary>
public sealed record ConnectionSettings(string KnownHostsPath, TimeSpan ConnectTimeout)
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// After the SSH handshake the node still has to start its PowerShell endpoint (about a second of CPU
    /// for pwsh); on a busy host that takes a while, so opening a session gets this much on top.
    /// </summary>
    public static readonly TimeSpan EndpointStartAllowance = TimeSpan.FromSeconds(60);

    public TimeSpan SessionOpenLimit => ConnectTimeout + EndpointStartAllowance;

    public static ConnectionSettings ForCatalog(string catalogPath, TimeSpan? connectTimeout = null) =>
        new(Path.Combine(Path.GetDirectoryName(catalogPath)!, "known_hosts"), connectTimeout ?? DefaultConnectTimeout);
}

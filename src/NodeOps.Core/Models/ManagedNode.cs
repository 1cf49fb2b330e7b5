using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>A server registered in the catalog, reached over PowerShell remoting.</summary>
public sealed class ManagedNode
{
    [BsonId] public string NodeId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public int Port { get; set; }
    public NodeTransport Transport { get; set; } = NodeTransport.Ssh;
    public string? UserName { get; set; }
    /// <summary>Path of the SSH private key; the key itself is never copied into the catalog.</summary>
    public string? KeyFilePath { get; set; }
    /// <summary>WinRM password, AES-GCM encrypted with the user's NodeOps key (see docs/about_NodeOps_Credentials.md).</summary>
    public string? EncryptedPassword { get; set; }
    public HostKeyPolicy HostKeyPolicy { get; set; } = HostKeyPolicy.AcceptNew;
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public PingStatus PingStatus { get; set; } = PingStatus.Unknown;
    public DateTime? LastPingTime { get; set; }
    public DateTime? LastSeenTime { get; set; }
    public string? LastError { get; set; }
    public string? PlatformType { get; set; }
    public string? PlatformName { get; set; }
    public string? PlatformVersion { get; set; }
    public string? ComputerName { get; set; }
    public string? PSVersion { get; set; }
    public double? LatencyMs { get; set; }
    public DateTime RegisteredAt { get; set; }

    [BsonIgnore] public bool HasCredential => EncryptedPassword is not null;

    public override string ToString() => NodeId;
}

public enum NodeTransport { Ssh, WinRm }

public enum PingStatus { Unknown, Online, ConnectionLost, Unreachable }

/// <summary>How the SSH client treats node host keys (stored in the catalog's known_hosts file).</summary>
public enum HostKeyPolicy { AcceptNew, Strict, Ignore }

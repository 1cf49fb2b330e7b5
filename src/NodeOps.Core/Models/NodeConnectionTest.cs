namespace NodeOps.Core.Models;

/// <summary>What Test-ManagedNode found when it connected to a node.</summary>
public sealed class NodeConnectionTest
{
    public string NodeId { get; set; } = "";
    public string Name { get; set; } = "";
    public PingStatus PingStatus { get; set; }
    public double? LatencyMs { get; set; }
    public double ConnectMs { get; set; }
    public string? PlatformType { get; set; }
    public string? PlatformName { get; set; }
    public string? PlatformVersion { get; set; }
    public string? ComputerName { get; set; }
    public string? PSVersion { get; set; }
    public string? FailureKind { get; set; }
    public string? Error { get; set; }
    public DateTime TestedAt { get; set; }
}

namespace NodeOps.Core.Models;

/// <summary>A process running on a node (Get-NodeProcess).</summary>
public sealed class NodeProcess
{
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public double? CpuSeconds { get; set; }
    public double WorkingSetMB { get; set; }
    public DateTime? StartTime { get; set; }
    public string CommandLine { get; set; } = "";
}

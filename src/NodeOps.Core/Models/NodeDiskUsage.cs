namespace NodeOps.Core.Models;

/// <summary>A mounted file system or drive on a node, with its space (Get-NodeDiskUsage).</summary>
public sealed class NodeDiskUsage
{
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string Name { get; set; } = "";
    public string FileSystem { get; set; } = "";
    public string DriveType { get; set; } = "";
    public double SizeGB { get; set; }
    public double FreeGB { get; set; }
    public double UsedPercent { get; set; }
}

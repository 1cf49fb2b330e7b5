namespace NodeOps.Core.Models;

/// <summary>A service and its state on a node (Get-NodeServiceStatus).</summary>
public sealed class NodeServiceStatus
{
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string Name { get; set; } = "";
    public string Status { get; set; } = "";
    public string StartType { get; set; } = "";
    public string Manager { get; set; } = "";
}

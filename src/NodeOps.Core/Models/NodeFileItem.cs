namespace NodeOps.Core.Models;

/// <summary>A file or directory on a node (Get-NodeFile).</summary>
public sealed class NodeFileItem
{
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string Name { get; set; } = "";
    public string FullName { get; set; } = "";
    public bool IsDirectory { get; set; }
    public long Length { get; set; }
    public DateTime LastWriteTime { get; set; }
    public string Mode { get; set; } = "";
    public string LinkTarget { get; set; } = "";
}

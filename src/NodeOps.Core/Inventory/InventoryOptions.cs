namespace NodeOps.Core.Inventory;

/// <summary>What an aws:softwareInventory step gathers (SSM's parameters: applications, services, networkConfig, windowsUpdates, customInventory, files).</summary>
public sealed class InventoryOptions
{
    public bool Applications { get; init; } = true;
    public bool Services { get; init; } = true;
    public bool Network { get; init; } = true;
    /// <summary>Installed updates (KBs); gathered on Windows nodes only.</summary>
    public bool WindowsUpdates { get; init; } = true;
    /// <summary>Custom inventory files kept on the node (JSON in SSM's custom inventory shape).</summary>
    public bool CustomInventory { get; init; } = true;
    /// <summary>File searches: Path (root), Patterns (globs, ** for any depth), MaxDepth.</summary>
    public IReadOnlyList<FileSearch> Files { get; init; } = Array.Empty<FileSearch>();
    public int MaxFiles { get; init; } = 1000;
}

public sealed record FileSearch(string Path, IReadOnlyList<string> Patterns, int MaxDepth);

using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>One row of a node's latest inventory of one type (a package, a service, a file...).</summary>
public sealed class InventoryEntry
{
    [BsonId] public string Id { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string TypeName { get; set; } = "";
    /// <summary>What identifies the row within the node and type (package name and architecture, file path...).</summary>
    public string Key { get; set; } = "";
    /// <summary>Lower-cased name, indexed with the type for fleet-wide queries.</summary>
    public string Name { get; set; } = "";
    /// <summary>How Version orders (Debian, Rpm, Windows), for typed comparisons.</summary>
    public string? Scheme { get; set; }
    public Dictionary<string, string> Values { get; set; } = new();
    public DateTime CapturedAt { get; set; }

    public static string MakeId(string nodeId, string typeName, string key) => $"{nodeId}|{typeName}|{key}";
}

/// <summary>What changed in one row between two collections (drift).</summary>
public sealed class InventoryChange
{
    [BsonId] public ObjectId Id { get; set; } = ObjectId.NewObjectId();
    public string NodeId { get; set; } = "";
    public string TypeName { get; set; } = "";
    public string Key { get; set; } = "";
    public InventoryChangeKind Change { get; set; }
    public Dictionary<string, string>? Before { get; set; }
    public Dictionary<string, string>? After { get; set; }
    public DateTime Time { get; set; }
}

public enum InventoryChangeKind { Added, Removed, Changed }

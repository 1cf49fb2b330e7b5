using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>The attribute names every row of a custom inventory type has, fixed by its first Set-NodeInventory.</summary>
public sealed class InventorySchema
{
    [BsonId] public string TypeName { get; set; } = "";
    public List<string> Attributes { get; set; } = new();
    public DateTime UpdatedAt { get; set; }
}

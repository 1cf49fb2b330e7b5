using NodeOps.Core.Models;

namespace NodeOps.Core.Inventory;

/// <summary>Where gathered inventory goes (the catalog); returns the changes found, per type.</summary>
public interface IInventorySink
{
    IReadOnlyList<InventoryChange> Store(string nodeId, string typeName, string? scheme, IReadOnlyList<Dictionary<string, string>> rows, DateTime capturedAt);
}

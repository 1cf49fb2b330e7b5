using NodeOps.Core.Models;

namespace NodeOps.Core.Inventory;

/// <summary>Where gathered inventory goes (the catalog); returns the changes found, per type.</summary>
public interface IInventorySink
{
    IReadOnlyList<InventoryChange> Store(string nodeId, string typeName, string? scheme, IReadOnlyList<Dictionary<string, string>> rows, DateTime capturedAt);

    /// <summary>Stores rows of a Custom: type after checking them against the type's schema.</summary>
    IReadOnlyList<InventoryChange> StoreCustom(string nodeId, string typeName, IReadOnlyList<Dictionary<string, string>> rows, bool replaceSchema, DateTime capturedAt);
}

using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Inventory;

/// <summary>One group of a summary: the values it was grouped by, how many nodes and rows it holds, and which nodes.</summary>
public sealed record InventorySummaryGroup(IReadOnlyList<string> Values, int NodeCount, int RowCount, IReadOnlyList<string> NodeIds);

/// <summary>Counts inventory rows and distinct nodes per combination of property values ("how many nodes run each OS").</summary>
public static class InventorySummary
{
    /// <summary>What a type is grouped by when the user does not say.</summary>
    public static IReadOnlyList<string> DefaultGroupBy(string canonicalType) => canonicalType switch
    {
        "NodeOps:NodeInformation" => new[] { "PlatformName", "PlatformVersion" },
        "AWS:Application" => new[] { "Name", "Version" },
        "AWS:Service" => new[] { "Name", "Status" },
        "AWS:Network" => new[] { "Type", "State" },
        "AWS:WindowsUpdate" => new[] { "HotFixId" },
        _ => new[] { "Name" },
    };

    /// <summary>Groups rows by the named values (matched without regard to case), most nodes first, then by value.</summary>
    public static IReadOnlyList<InventorySummaryGroup> Group(IEnumerable<InventoryEntry> rows, IReadOnlyList<string> groupBy, string typeName)
    {
        var groups = new Dictionary<string, (string[] Values, HashSet<string> Nodes, int Rows)>(StringComparer.Ordinal);
        var seen = new bool[groupBy.Count];
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            var values = new string[groupBy.Count];
            for (var i = 0; i < groupBy.Count; i++)
            {
                var found = ValueOf(row, groupBy[i]);
                seen[i] |= found is not null;
                values[i] = found ?? "";
            }
            var key = string.Join("\u001f", values);
            if (!groups.TryGetValue(key, out var g)) g = (values, new HashSet<string>(StringComparer.OrdinalIgnoreCase), 0);
            g.Nodes.Add(row.NodeId);
            groups[key] = (g.Values, g.Nodes, g.Rows + 1);
        }
        for (var i = 0; i < groupBy.Count; i++)
            if (any && !seen[i])
                throw new NodeOpsException(ErrorIds.InventoryPropertyNotFound, ErrorCategory.InvalidArgument, groupBy[i],
                    $"No {typeName} row has a property named '{groupBy[i]}'.");
        return groups.Values
            .Select(g => new InventorySummaryGroup(g.Values, g.Nodes.Count, g.Rows, g.Nodes.Order(StringComparer.OrdinalIgnoreCase).ToList()))
            .OrderByDescending(g => g.NodeCount).ThenBy(g => string.Join("\u001f", g.Values), StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static string? ValueOf(InventoryEntry row, string property)
    {
        if (property.Equals("NodeId", StringComparison.OrdinalIgnoreCase)) return row.NodeId;
        if (property.Equals("TypeName", StringComparison.OrdinalIgnoreCase)) return row.TypeName;
        foreach (var (k, v) in row.Values) if (k.Equals(property, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}

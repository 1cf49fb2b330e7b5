using System.Management.Automation;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;

namespace NodeOps.Common;

/// <summary>A stored inventory row as the typed object users filter and pipe: NodeId first, Version as a PackageVersion.</summary>
internal static class InventoryRowView
{
    public const string TypeNamePrefix = "NodeOps.Inventory.";

    public static PSObject Create(InventoryEntry e, IReadOnlyDictionary<string, string> nodeNames)
    {
        var o = new PSObject();
        o.TypeNames.Insert(0, TypeNamePrefix + e.TypeName.Replace(':', '.'));
        o.Properties.Add(new PSNoteProperty("NodeId", e.NodeId));
        o.Properties.Add(new PSNoteProperty("NodeName", nodeNames.TryGetValue(e.NodeId, out var n) ? n : ""));
        o.Properties.Add(new PSNoteProperty("TypeName", e.TypeName));
        foreach (var (k, v) in e.Values)
        {
            object value = k == "Version" && Enum.TryParse<VersionScheme>(e.Scheme, out var scheme) ? new PackageVersion(v, scheme) : v;
            if (o.Properties[k] is null) o.Properties.Add(new PSNoteProperty(k, value));
        }
        o.Properties.Add(new PSNoteProperty("CapturedAt", e.CapturedAt));
        return o;
    }
}

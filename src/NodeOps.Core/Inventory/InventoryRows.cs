namespace NodeOps.Core.Inventory;

/// <summary>What identifies a row within its type (so a second collection can say what changed), and its indexed name.</summary>
public static class InventoryRows
{
    public static (string Key, string Name) Identify(string typeName, Dictionary<string, string> row, int index)
    {
        string Get(string k) => row.TryGetValue(k, out var v) ? v : "";
        return typeName switch
        {
            "AWS:Application" => ($"{Get("Name")}:{Get("Architecture")}", Get("Name")),
            "AWS:File" => (Get("Path"), Get("Name")),
            "AWS:WindowsUpdate" => (Get("HotFixId"), Get("HotFixId")),
            "NodeOps:NodeInformation" or "AWS:InstanceInformation" => ("node", Get("ComputerName")),
            _ when row.ContainsKey("Key") => (Get("Key"), Get("Name") is { Length: > 0 } n ? n : Get("Key")),
            _ when row.ContainsKey("Name") => (Get("Name"), Get("Name")),
            _ => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), ""),
        };
    }

    /// <summary>A row as it came back from the node (a deserialized hashtable) as text values.</summary>
    public static Dictionary<string, string> FromRemote(object? row)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = row is System.Management.Automation.PSObject ps ? ps.BaseObject : row;
        if (value is System.Collections.IDictionary d)
            foreach (System.Collections.DictionaryEntry e in d) result[e.Key.ToString()!] = e.Value?.ToString() ?? "";
        else if (row is System.Management.Automation.PSObject obj)
            foreach (var p in obj.Properties) result[p.Name] = p.Value?.ToString() ?? "";
        return result;
    }

    /// <summary>SSM's short names and NodeOps's aliases for the built-in types.</summary>
    public static string Canonical(string typeName) => typeName switch
    {
        _ when typeName.Equals("Application", StringComparison.OrdinalIgnoreCase) => "AWS:Application",
        _ when typeName.Equals("Service", StringComparison.OrdinalIgnoreCase) => "AWS:Service",
        _ when typeName.Equals("Network", StringComparison.OrdinalIgnoreCase) => "AWS:Network",
        _ when typeName.Equals("File", StringComparison.OrdinalIgnoreCase) => "AWS:File",
        _ when typeName.Equals("WindowsUpdate", StringComparison.OrdinalIgnoreCase) => "AWS:WindowsUpdate",
        _ when typeName.Equals("InstanceInformation", StringComparison.OrdinalIgnoreCase) || typeName.Equals("AWS:InstanceInformation", StringComparison.OrdinalIgnoreCase)
            || typeName.Equals("NodeInformation", StringComparison.OrdinalIgnoreCase) => "NodeOps:NodeInformation",
        _ => typeName,
    };
}

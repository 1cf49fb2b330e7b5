using System.Collections;
using System.Text.Json;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Inventory;

/// <summary>A custom inventory file a node keeps itself, read: its type and rows.</summary>
public sealed record CustomInventoryFileContent(string Path, string TypeName, IReadOnlyList<Dictionary<string, string>> Rows);

/// <summary>
/// Reads SSM's custom inventory file shape: { "SchemaVersion": "1.0", "TypeName": "Custom:X", "Content": {..} or [{..}, ..] },
/// values as text. A file that does not fit is reported, not stored.
/// </summary>
public static class CustomInventoryFile
{
    /// <summary>How the gather script hands the files' text back (not a type that is stored).</summary>
    public const string FilesTypeName = "NodeOps:CustomInventoryFiles";

    public static (CustomInventoryFileContent? Content, string? Problem) Read(string path, string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, $"{path}: the file must hold one JSON object with TypeName and Content.");
            var typeName = Property(root, "TypeName") is { ValueKind: JsonValueKind.String } t ? t.GetString()! : null;
            if (typeName is null) return (null, $"{path}: TypeName is missing.");
            if (Property(root, "Content") is not { } content) return (null, $"{path}: Content is missing.");
            var items = content.ValueKind == JsonValueKind.Array ? content.EnumerateArray().ToList() : new List<JsonElement> { content };
            var rows = new List<object?>();
            foreach (var item in items)
            {
                if (item.ValueKind != JsonValueKind.Object) return (null, $"{path}: each Content item must be an object of attribute values.");
                var row = new Hashtable();
                foreach (var p in item.EnumerateObject()) row[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                rows.Add(row);
            }
            CustomInventory.ValidateTypeName(typeName);
            return (new CustomInventoryFileContent(path, typeName, CustomInventory.ReadRows(typeName, rows)), null);
        }
        catch (JsonException ex)
        {
            return (null, $"{path}: not valid JSON: {ex.Message}");
        }
        catch (NodeOpsException ex)
        {
            return (null, $"{path}: {ex.Message}");
        }
    }

    private static JsonElement? Property(JsonElement o, string name)
    {
        foreach (var p in o.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }
}

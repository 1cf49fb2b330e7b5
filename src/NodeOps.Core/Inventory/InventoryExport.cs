using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using System.Text;
using NodeOps.Core.Errors;
using NodeOps.Core.Files;
using NodeOps.Core.Models;

namespace NodeOps.Core.Inventory;

public enum InventoryExportFormat { Csv, Json }

/// <summary>
/// Writes inventory rows to a CSV (RFC 4180, a header of NodeId, NodeName, TypeName, every value name, CapturedAt)
/// or a JSON array, through a temporary file so an existing file is replaced whole or not at all.
/// </summary>
public static class InventoryExport
{
    public static InventoryExportFormat FormatFor(string path) =>
        Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? InventoryExportFormat.Json : InventoryExportFormat.Csv;

    /// <summary>Writes the rows and returns how many were written.</summary>
    public static int Write(string path, InventoryExportFormat format, IEnumerable<InventoryEntry> rows, IReadOnlyDictionary<string, string> nodeNames)
    {
        var list = rows.ToList();
        AtomicFile.Write(path, stream =>
        {
            if (format == InventoryExportFormat.Json) WriteJson(stream, list, nodeNames);
            else WriteCsv(stream, list, nodeNames);
        }, ErrorIds.InventoryExportFailed);
        return list.Count;
    }

    /// <summary>The value names of all rows, in the order they first appear.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<InventoryEntry> rows)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "NodeId", "NodeName", "TypeName", "CapturedAt" };
        foreach (var row in rows)
            foreach (var key in row.Values.Keys)
                if (seen.Add(key)) columns.Add(key);
        return columns;
    }

    public static string CsvField(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0 && value.Trim().Length == value.Length ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static void WriteCsv(Stream stream, IReadOnlyList<InventoryEntry> rows, IReadOnlyDictionary<string, string> nodeNames)
    {
        var columns = Columns(rows);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(",", new[] { "NodeId", "NodeName", "TypeName" }.Concat(columns).Append("CapturedAt").Select(CsvField)));
        foreach (var row in rows)
        {
            var fields = new List<string> { row.NodeId, NameOf(row, nodeNames), row.TypeName };
            fields.AddRange(columns.Select(c => row.Values.TryGetValue(c, out var v) ? v : ""));
            fields.Add(row.CapturedAt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
            writer.WriteLine(string.Join(",", fields.Select(CsvField)));
        }
    }

    private static void WriteJson(Stream stream, IReadOnlyList<InventoryEntry> rows, IReadOnlyDictionary<string, string> nodeNames)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("NodeId", row.NodeId);
            json.WriteString("NodeName", NameOf(row, nodeNames));
            json.WriteString("TypeName", row.TypeName);
            foreach (var (k, v) in row.Values) if (k is not ("NodeId" or "NodeName" or "TypeName" or "CapturedAt")) json.WriteString(k, v);
            json.WriteString("CapturedAt", row.CapturedAt.ToUniversalTime());
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string NameOf(InventoryEntry row, IReadOnlyDictionary<string, string> nodeNames) =>
        nodeNames.TryGetValue(row.NodeId, out var n) ? n : "";
}

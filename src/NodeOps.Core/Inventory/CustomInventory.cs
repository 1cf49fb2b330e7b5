using System.Management.Automation;
using System.Text.RegularExpressions;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Inventory;

/// <summary>
/// The rules for custom inventory (SSM's put-inventory): a "Custom:" type name, up to 10,000 rows of at most
/// 50 named text attributes each, every row of a type having the same attributes (the type's schema).
/// </summary>
public static partial class CustomInventory
{
    public const int MaxRows = 10_000, MaxAttributes = 50, MaxValueLength = 4096, MaxTypeNameLength = 100;

    [GeneratedRegex(@"^Custom:[A-Za-z0-9_.\-]+$")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex AttributeNamePattern();

    public static string ValidateTypeName(string typeName)
    {
        if (typeName.Length > MaxTypeNameLength || !TypeNamePattern().IsMatch(typeName))
            throw new NodeOpsException(ErrorIds.InvalidInventoryTypeName, ErrorCategory.InvalidArgument, typeName,
                $"'{typeName}' is not a custom inventory type name: use 'Custom:' followed by letters, digits, '_', '.' or '-' ({MaxTypeNameLength} characters at most), e.g. Custom:AppConfig.");
        return typeName;
    }

    /// <summary>Rows as text attributes, checked against the limits; the attribute names of all rows must agree.</summary>
    public static IReadOnlyList<Dictionary<string, string>> ReadRows(string typeName, IReadOnlyList<object?> content)
    {
        if (content.Count > MaxRows)
            throw Invalid(typeName, $"{content.Count} rows is more than the {MaxRows} a custom type can hold per node.");
        var rows = new List<Dictionary<string, string>>(content.Count);
        var identities = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < content.Count; i++)
        {
            var item = content[i] is PSObject ps ? ps.BaseObject : content[i];
            if (item is not System.Collections.IDictionary && content[i] is not PSObject { BaseObject: PSCustomObject })
                throw Invalid(typeName, $"row {i + 1} is a {item?.GetType().Name ?? "null"}; each row must be a hashtable or an object with properties.");
            var row = InventoryRows.FromRemote(content[i]);
            if (row.Count == 0) throw Invalid(typeName, $"row {i + 1} has no attributes.");
            if (row.Count > MaxAttributes) throw Invalid(typeName, $"row {i + 1} has {row.Count} attributes; a custom type can have at most {MaxAttributes}.");
            foreach (var (name, value) in row)
            {
                if (!AttributeNamePattern().IsMatch(name))
                    throw Invalid(typeName, $"row {i + 1}: attribute name '{name}' must be 1 to 64 letters, digits, '_', '.' or '-'.");
                if (value.Length > MaxValueLength)
                    throw Invalid(typeName, $"row {i + 1}: the value of '{name}' is {value.Length} characters long; the limit is {MaxValueLength}.");
            }
            if (rows.Count > 0 && Difference(rows[0].Keys, row.Keys) is { Length: > 0 } diff)
                throw Invalid(typeName, $"row {i + 1} does not have the same attributes as row 1 ({diff}); every row of a type has the same attributes.");
            // Rows are told apart by their Key attribute, else their Name, else their position.
            var (key, _) = InventoryRows.Identify(typeName, row, i);
            if (!identities.TryAdd(key, i + 1))
                throw Invalid(typeName, $"row {i + 1} has the same {(row.ContainsKey("Key") ? "Key" : "Name")} '{key}' as row {identities[key]}; rows are told apart by Key, else by Name.");
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Empty when the two attribute sets agree (ignoring case), else which names are extra or missing.</summary>
    public static string Difference(IEnumerable<string> schema, IEnumerable<string> attributes)
    {
        var expected = new HashSet<string>(schema, StringComparer.OrdinalIgnoreCase);
        var given = new HashSet<string>(attributes, StringComparer.OrdinalIgnoreCase);
        var extra = given.Where(a => !expected.Contains(a)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var missing = expected.Where(a => !given.Contains(a)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var parts = new List<string>();
        if (extra.Count > 0) parts.Add("not in the schema: " + string.Join(", ", extra));
        if (missing.Count > 0) parts.Add("missing: " + string.Join(", ", missing));
        return string.Join("; ", parts);
    }

    private static NodeOpsException Invalid(string typeName, string message) =>
        new(ErrorIds.InvalidInventoryContent, ErrorCategory.InvalidData, typeName, $"Custom inventory {typeName}: {message}");
}

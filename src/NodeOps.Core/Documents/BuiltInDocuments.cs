using System.Reflection;
using NodeOps.Core.Models;

namespace NodeOps.Core.Documents;

/// <summary>
/// Documents shipped inside the module (embedded resources under Documents/BuiltIn): read-only, owner
/// "NodeOps", version 1 of this module's release. SSM's AWS-* names resolve to them as aliases.
/// </summary>
public static class BuiltInDocuments
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AWS-RunShellScript"] = "NodeOps-RunShellScript",
        ["AWS-RunPowerShellScript"] = "NodeOps-RunPowerShellScript",
        ["AWS-StartPortForwardingSession"] = "NodeOps-StartPortForwardingSession",
        ["AWS-StartPortForwardingSessionToRemoteHost"] = "NodeOps-StartPortForwardingSessionToRemoteHost",
        ["AWS-StartInteractiveCommand"] = "NodeOps-StartInteractiveCommand",
        ["AWS-GatherSoftwareInventory"] = "NodeOps-GatherSoftwareInventory",
        ["AWS-RunPatchBaseline"] = "NodeOps-RunPatchBaseline",
    };

    private static readonly Lazy<IReadOnlyList<(NodeDocument Record, DocumentDefinition Definition)>> Loaded = new(Load);

    public static IReadOnlyList<(NodeDocument Record, DocumentDefinition Definition)> All => Loaded.Value;

    public static (NodeDocument Record, DocumentDefinition Definition)? Find(string name)
    {
        var target = Aliases.TryGetValue(name, out var aliased) ? aliased : name;
        foreach (var d in All)
            if (d.Record.Name.Equals(target, StringComparison.OrdinalIgnoreCase)) return d;
        return null;
    }

    private static IReadOnlyList<(NodeDocument, DocumentDefinition)> Load()
    {
        var assembly = typeof(BuiltInDocuments).Assembly;
        const string prefix = "NodeOps.BuiltIn.";
        var created = File.GetLastWriteTimeUtc(assembly.Location is { Length: > 0 } l ? l : AppContext.BaseDirectory);
        var result = new List<(NodeDocument, DocumentDefinition)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var content = new StreamReader(stream).ReadToEnd();
            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var definition = DocumentReader.Read(content, name);
            var record = new NodeDocument
            {
                Id = NodeDocument.MakeId(name, 1),
                Name = name,
                Version = 1,
                DefaultVersion = 1,
                LatestVersion = 1,
                DocumentType = definition.DocumentType,
                SchemaVersion = definition.SchemaVersion,
                DocumentFormat = definition.Format,
                Description = definition.Description,
                Hash = Catalog.DocumentStore.HashOf(content),
                Content = content,
                CreatedAt = created,
                CreatedBy = NodeDocument.BuiltInOwner,
                Owner = NodeDocument.BuiltInOwner,
                ParameterNames = definition.Parameters.Select(p => p.Name).ToList(),
            };
            result.Add((record, definition));
        }
        return result;
    }
}

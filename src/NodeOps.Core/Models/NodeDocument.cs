using LiteDB;
using NodeOps.Core.Documents;

namespace NodeOps.Core.Models;

/// <summary>One immutable version of a document, as stored (or shipped with the module, Owner NodeOps).</summary>
public sealed class NodeDocument
{
    /// <summary>Lower-case name and version: "deploy-app#3".</summary>
    [BsonId] public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Version { get; set; }
    public DocumentType DocumentType { get; set; }
    public string SchemaVersion { get; set; } = "";
    public DocumentFormat DocumentFormat { get; set; }
    public string? Description { get; set; }
    /// <summary>SHA-256 of the content, hex.</summary>
    public string Hash { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>"Self" for documents in the catalog, "NodeOps" for built-in ones (read-only).</summary>
    public string Owner { get; set; } = "Self";
    public List<string> ParameterNames { get; set; } = new();

    [BsonIgnore] public int DefaultVersion { get; set; }
    [BsonIgnore] public int LatestVersion { get; set; }
    [BsonIgnore] public bool IsDefaultVersion => Version == DefaultVersion;
    [BsonIgnore] public bool IsBuiltIn => Owner == BuiltInOwner;

    public const string BuiltInOwner = "NodeOps";

    public static string MakeId(string name, int version) => $"{name.ToLowerInvariant()}#{version}";
    public override string ToString() => $"{Name}:{Version}";
}

/// <summary>Per document name: which version is the default and which the latest.</summary>
public sealed class NodeDocumentHead
{
    [BsonId] public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public DocumentType DocumentType { get; set; }
    public int DefaultVersion { get; set; }
    public int LatestVersion { get; set; }
}

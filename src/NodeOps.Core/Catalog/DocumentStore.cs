using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using LiteDB;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Documents and their immutable, numbered versions, with each name's default and latest version.
/// Built-in documents (<see cref="BuiltInDocuments"/>) are found here too but never stored or changed.
/// </summary>
public sealed class DocumentStore : IDocumentSource
{
    private static readonly string[] ReservedPrefixes = { "aws-", "amazon", "amzn", "nodeops-" };
    private readonly NodeCatalog _catalog;

    internal DocumentStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<NodeDocument> Versions(LiteDatabase db) => db.GetCollection<NodeDocument>(CatalogCollections.Documents);
    private static ILiteCollection<NodeDocumentHead> Heads(LiteDatabase db) => db.GetCollection<NodeDocumentHead>(CatalogCollections.DocumentHeads);

    /// <summary>Validates and stores version 1 of a new document; nothing is stored when it is invalid.</summary>
    public NodeDocument Create(string name, string content, DocumentType? type, string source)
    {
        CheckName(name);
        var definition = DocumentReader.Read(content, source, type);
        var record = NewVersion(name, 1, content, definition);
        return _catalog.InTransaction(db =>
        {
            if (Heads(db).FindById(name.ToLowerInvariant()) is { } existing)
                throw new NodeOpsException(ErrorIds.DocumentNameInUse, ErrorCategory.ResourceExists, name,
                    $"A document named '{existing.Name}' already exists; use Update-NodeDocument to add a version.");
            Versions(db).Insert(record);
            var head = new NodeDocumentHead { Id = name.ToLowerInvariant(), Name = name, DocumentType = definition.DocumentType, DefaultVersion = 1, LatestVersion = 1 };
            Heads(db).Insert(head);
            return WithHead(record, head);
        });
    }

    /// <summary>Adds the next version; the default moves to it only when asked.</summary>
    public NodeDocument AddVersion(string name, string content, string source, bool setDefault)
    {
        var head = Head(name);
        var definition = DocumentReader.Read(content, source, head.DocumentType);
        return _catalog.InTransaction(db =>
        {
            head = Heads(db).FindById(head.Id) ?? throw NotFound(name);
            var latest = Versions(db).FindById(NodeDocument.MakeId(head.Name, head.LatestVersion));
            var record = NewVersion(head.Name, head.LatestVersion + 1, content, definition);
            if (latest is not null && latest.Hash == record.Hash)
                throw new NodeOpsException(ErrorIds.DocumentContentUnchanged, ErrorCategory.InvalidData, name,
                    $"The content is the same as version {latest.Version} of '{head.Name}'; no version was added.");
            Versions(db).Insert(record);
            head.LatestVersion = record.Version;
            if (setDefault) head.DefaultVersion = record.Version;
            Heads(db).Update(head);
            return WithHead(record, head);
        });
    }

    public NodeDocument SetDefaultVersion(string name, string version)
    {
        var (record, _) = Resolve(name, version);
        if (record.IsBuiltIn) throw ReadOnly(record.Name);
        return _catalog.InTransaction(db =>
        {
            var head = Heads(db).FindById(record.Name.ToLowerInvariant()) ?? throw NotFound(name);
            head.DefaultVersion = record.Version;
            Heads(db).Update(head);
            return WithHead(record, head);
        });
    }

    /// <summary>Removes one version (not the default one) or, with no version, the document and all its versions.</summary>
    public void Remove(string name, int? version)
    {
        var head = Head(name);
        _catalog.InTransaction(db =>
        {
            if (version is null)
            {
                Versions(db).DeleteMany(d => d.Name == head.Name);
                Heads(db).Delete(head.Id);
                return;
            }
            if (version == head.DefaultVersion)
                throw new NodeOpsException(ErrorIds.DocumentDefaultVersionInUse, ErrorCategory.InvalidOperation, $"{head.Name}:{version}",
                    $"Version {version} is the default version of '{head.Name}'; make another version the default first, or remove the whole document.");
            if (!Versions(db).Delete(NodeDocument.MakeId(head.Name, version.Value)))
                throw VersionNotFound(head.Name, version.Value.ToString());
            if (version == head.LatestVersion)
            {
                head.LatestVersion = Versions(db).Find(d => d.Name == head.Name).Max(d => d.Version);
                Heads(db).Update(head);
            }
        });
    }

    /// <summary>Documents by name pattern and type; by default each one's default version, or all versions.</summary>
    public IReadOnlyList<NodeDocument> Find(string? namePattern, DocumentType? type, bool allVersions)
    {
        var pattern = WildcardPattern.Get(namePattern ?? "*", WildcardOptions.IgnoreCase);
        var stored = _catalog.Run(db =>
        {
            var heads = Heads(db).FindAll().Where(h => pattern.IsMatch(h.Name) && (type is null || h.DocumentType == type)).ToList();
            var result = new List<NodeDocument>();
            foreach (var head in heads)
            {
                var versions = allVersions
                    ? Versions(db).Find(d => d.Name == head.Name).OrderBy(d => d.Version).ToList()
                    : new List<NodeDocument> { Versions(db).FindById(NodeDocument.MakeId(head.Name, head.DefaultVersion)) };
                result.AddRange(versions.Where(v => v is not null).Select(v => WithHead(v, head)));
            }
            return result;
        });
        var builtIn = BuiltInDocuments.All.Select(b => b.Record).Where(r => pattern.IsMatch(r.Name) && (type is null || r.DocumentType == type));
        return builtIn.Concat(stored).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Version).ToList();
    }

    public IReadOnlyList<string> Names() => Find(null, null, false).Select(d => d.Name).Concat(BuiltInDocuments.Aliases.Keys).ToList();

    /// <summary>One version: null or $DEFAULT is the default version, $LATEST the newest, or a number.</summary>
    public (NodeDocument Record, DocumentDefinition Definition) Resolve(string name, string? version)
    {
        if (BuiltInDocuments.Find(name) is { } builtIn)
        {
            if (version is not (null or "" or "$DEFAULT" or "$LATEST" or "1")) throw VersionNotFound(builtIn.Record.Name, version);
            return (builtIn.Record, builtIn.Definition);
        }
        var head = Head(name);
        var number = version switch
        {
            null or "" or "$DEFAULT" => head.DefaultVersion,
            "$LATEST" => head.LatestVersion,
            _ when int.TryParse(version, out var n) && n > 0 => n,
            _ => throw VersionNotFound(head.Name, version),
        };
        var record = _catalog.Run(db => Versions(db).FindById(NodeDocument.MakeId(head.Name, number))) ?? throw VersionNotFound(head.Name, version!);
        return (WithHead(record, head), DocumentReader.Read(record.Content, $"{record.Name}:{record.Version}", record.DocumentType));
    }

    private NodeDocumentHead Head(string name)
    {
        if (BuiltInDocuments.Find(name) is { } builtIn) throw ReadOnly(builtIn.Record.Name);
        return _catalog.Run(db => Heads(db).FindById(name.ToLowerInvariant())) ?? throw NotFound(name);
    }

    private static NodeDocument NewVersion(string name, int version, string content, DocumentDefinition definition) => new()
    {
        Id = NodeDocument.MakeId(name, version),
        Name = name,
        Version = version,
        DocumentType = definition.DocumentType,
        SchemaVersion = definition.SchemaVersion,
        DocumentFormat = definition.Format,
        Description = definition.Description,
        Hash = HashOf(content),
        Content = content,
        CreatedAt = DateTime.UtcNow,
        CreatedBy = ControllerIdentity.UserName,
        ParameterNames = definition.Parameters.Select(p => p.Name).ToList(),
    };

    public static string HashOf(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();

    private static NodeDocument WithHead(NodeDocument record, NodeDocumentHead head)
    {
        record.DefaultVersion = head.DefaultVersion;
        record.LatestVersion = head.LatestVersion;
        return record;
    }

    private static void CheckName(string name)
    {
        if (!SsmName.IsValid(name))
            throw new NodeOpsException(ErrorIds.InvalidDocumentName, ErrorCategory.InvalidArgument, name,
                $"'{name}' is not a valid document name: 3 to 128 letters, digits, '_', '-' or '.'.");
        if (ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix)
            throw new NodeOpsException(ErrorIds.InvalidDocumentName, ErrorCategory.InvalidArgument, name,
                $"'{name}' starts with '{prefix}', which is reserved for built-in documents.");
    }

    private static NodeOpsException NotFound(string name) =>
        new(ErrorIds.DocumentNotFound, ErrorCategory.ObjectNotFound, name, $"No document named '{name}' is in the catalog or built in.");

    private static NodeOpsException VersionNotFound(string name, string version) =>
        new(ErrorIds.DocumentVersionNotFound, ErrorCategory.ObjectNotFound, $"{name}:{version}", $"Document '{name}' has no version '{version}'.");

    private static NodeOpsException ReadOnly(string name) =>
        new(ErrorIds.DocumentReadOnly, ErrorCategory.PermissionDenied, name, $"'{name}' is a built-in document and cannot be changed or removed.");
}

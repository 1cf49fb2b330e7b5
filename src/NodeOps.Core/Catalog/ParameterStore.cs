using System.Management.Automation;
using System.Net;
using System.Security;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Parameters;
using NodeOps.Core.Security;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Parameter Store: versioned values and secrets under hierarchical names. SecureString values are
/// encrypted before they reach the catalog (their name and version bound into the ciphertext).
/// </summary>
public sealed class ParameterStore : Documents.IParameterReferenceResolver
{
    private readonly NodeCatalog _catalog;
    private readonly SecretProtector _protector;

    internal ParameterStore(NodeCatalog catalog, SecretProtector protector)
    {
        _catalog = catalog;
        _protector = protector;
    }

    private static ILiteCollection<NodeParameterVersion> Versions(LiteDatabase db) => db.GetCollection<NodeParameterVersion>(CatalogCollections.Parameters);

    /// <summary>Stores a value as version 1, or (with overwrite) as the next version.</summary>
    public NodeParameterVersion Put(string name, NodeParameterType type, object value, string? description, string? allowedPattern,
        IReadOnlyDictionary<string, string>? tags, bool overwrite)
    {
        ParameterRules.CheckName(name);
        if (description is { Length: > ParameterRules.MaxDescriptionLength })
            throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name, $"The description of '{name}' is longer than {ParameterRules.MaxDescriptionLength} characters.");
        if (allowedPattern is not null)
        {
            try { _ = new System.Text.RegularExpressions.Regex(allowedPattern); }
            catch (ArgumentException ex)
            {
                throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, allowedPattern, $"AllowedPattern is not a valid regular expression: {ex.Message}");
            }
        }
        var plain = PlainText(name, type, value);
        try
        {
            return _catalog.InTransaction(db =>
            {
                var versions = Versions(db).Find(v => v.Name == name).OrderBy(v => v.Version).ToList();
                // A new version keeps the pattern of the one before unless it brings its own.
                ParameterRules.CheckValue(name, plain, allowedPattern ?? versions.LastOrDefault()?.AllowedPattern, type == NodeParameterType.StringList);
                if (versions.Count > 0 && !overwrite)
                    throw new NodeOpsException(ErrorIds.ParameterAlreadyExists, ErrorCategory.ResourceExists, name,
                        $"Parameter '{name}' already exists (version {versions[^1].Version}); use -Overwrite to add a version.");
                if (versions.Count >= ParameterRules.MaxVersions)
                {
                    var oldest = versions[0];
                    if (oldest.Labels.Count > 0)
                        throw new NodeOpsException(ErrorIds.ParameterLimitExceeded, ErrorCategory.LimitsExceeded, name,
                            $"'{name}' has {ParameterRules.MaxVersions} versions and the oldest (version {oldest.Version}) has labels; move or remove them first.");
                    Versions(db).Delete(oldest.Id);
                }
                var version = versions.Count == 0 ? 1 : versions[^1].Version + 1;
                var record = new NodeParameterVersion
                {
                    Id = NodeParameterVersion.MakeId(name, version),
                    Name = name,
                    Version = version,
                    Type = type,
                    Description = description ?? versions.LastOrDefault()?.Description,
                    AllowedPattern = allowedPattern ?? versions.LastOrDefault()?.AllowedPattern,
                    Tags = tags?.ToDictionary(t => t.Key, t => t.Value) ?? versions.LastOrDefault()?.Tags ?? new(),
                    LastModifiedDate = DateTime.UtcNow,
                    LastModifiedUser = ControllerIdentity.UserName,
                };
                if (type == NodeParameterType.SecureString) record.EncryptedValue = _protector.Protect(ToSecure(plain), record.Id);
                else record.Value = plain;
                Versions(db).Insert(record);
                return record;
            });
        }
        finally
        {
            plain = null;
        }
    }

    /// <summary>One version by selector: "name" (latest), "name:3" or "name:label"; an explicit version wins over the selector.</summary>
    public NodeParameterVersion Get(string selector, int? version = null)
    {
        var (name, qualifier) = Split(selector);
        if (version is not null) qualifier = version.Value.ToString();
        var versions = _catalog.Run(db => Versions(db).Find(v => v.Name == name).ToList());
        if (versions.Count == 0)
            throw NotFound(name);
        if (qualifier is null) return versions.MaxBy(v => v.Version)!;
        var match = int.TryParse(qualifier, out var n) ? versions.FirstOrDefault(v => v.Version == n) : versions.FirstOrDefault(v => v.Labels.Contains(qualifier));
        return match ?? throw new NodeOpsException(ErrorIds.ParameterVersionNotFound, ErrorCategory.ObjectNotFound, selector,
            $"Parameter '{name}' has no version or label '{qualifier}'.");
    }

    /// <summary>The latest version of each parameter under a path: its direct children, or everything below with recursive.</summary>
    public IReadOnlyList<NodeParameterVersion> GetByPath(string path, bool recursive)
    {
        ParameterRules.CheckPath(path);
        var prefix = path.EndsWith('/') ? path : path + "/";
        return _catalog.Run(db => Versions(db).Find(v => v.Name.StartsWith(prefix)).ToList())
            .Where(v => recursive || !v.Name[prefix.Length..].Contains('/'))
            .GroupBy(v => v.Name).Select(g => g.MaxBy(v => v.Version)!)
            .OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<NodeParameterVersion> History(string name)
    {
        var versions = _catalog.Run(db => Versions(db).Find(v => v.Name == name).OrderBy(v => v.Version).ToList());
        return versions.Count > 0 ? versions
            : throw NotFound(name);
    }

    /// <summary>The type of a parameter's latest version, or null when there is no such parameter.</summary>
    public NodeParameterType? TypeOf(string name) => _catalog.Run(db =>
        Versions(db).Find(v => v.Name == name).OrderByDescending(v => v.Version).FirstOrDefault()?.Type);

    public IReadOnlyList<string> Names() => _catalog.Run(db => Versions(db).FindAll().Select(v => v.Name).Distinct().Order(StringComparer.Ordinal).ToList());

    /// <summary>Puts labels on a version (the latest by default); a label already on another version moves here.</summary>
    public NodeParameterVersion AddLabels(string name, int? version, IReadOnlyList<string> labels)
    {
        foreach (var l in labels) ParameterRules.CheckLabel(l);
        return _catalog.InTransaction(db =>
        {
            var target = Get(name, version);
            foreach (var other in Versions(db).Find(v => v.Name == name && v.Version != target.Version).ToList())
                if (other.Labels.RemoveAll(labels.Contains) > 0) Versions(db).Update(other);
            target.Labels = target.Labels.Union(labels).ToList();
            if (target.Labels.Count > ParameterRules.MaxLabelsPerVersion)
                throw new NodeOpsException(ErrorIds.ParameterLimitExceeded, ErrorCategory.LimitsExceeded, name,
                    $"A parameter version holds at most {ParameterRules.MaxLabelsPerVersion} labels.");
            Versions(db).Update(target);
            return target;
        });
    }

    /// <summary>Removes labels from a version; returns the labels that were not on it.</summary>
    public IReadOnlyList<string> RemoveLabels(string name, int version, IReadOnlyList<string> labels) => _catalog.InTransaction(db =>
    {
        var target = Get(name, version);
        var missing = labels.Where(l => !target.Labels.Contains(l)).ToList();
        target.Labels.RemoveAll(labels.Contains);
        Versions(db).Update(target);
        return (IReadOnlyList<string>)missing;
    });

    public void Remove(string name)
    {
        if (_catalog.Run(db => Versions(db).DeleteMany(v => v.Name == name)) == 0)
            throw NotFound(name);
    }

    /// <summary>The value as users expect it: string, string[], or SecureString (decrypted only when asked).</summary>
    public NodeParameter ToOutput(NodeParameterVersion v, bool decrypt, bool asPlainText, string? selector = null) => new()
    {
        Name = v.Name,
        Type = v.Type,
        Version = v.Version,
        Value = v.Type switch
        {
            NodeParameterType.String => v.Value,
            NodeParameterType.StringList => v.Value?.Split(','),
            _ when asPlainText => new NetworkCredential("", Decrypt(v)).Password,
            _ when decrypt => Decrypt(v),
            _ => null,
        },
        Labels = v.Labels.ToList(),
        Description = v.Description,
        AllowedPattern = v.AllowedPattern,
        Tags = v.Tags,
        LastModifiedDate = v.LastModifiedDate,
        LastModifiedUser = v.LastModifiedUser,
        Selector = selector,
    };

    public SecureString Decrypt(NodeParameterVersion v) => _protector.UnprotectToSecureString(v.EncryptedValue ?? "", v.Id);

    /// <summary>The text a {{ param: }} reference puts into a document, and whether it is a secret.</summary>
    public (string Text, bool Secret) ValueText(NodeParameterVersion v) => v.Type == NodeParameterType.SecureString
        ? (new NetworkCredential("", Decrypt(v)).Password, true)
        : (v.Value ?? "", false);

    public (string Text, bool Secret) Resolve(string selector, bool secureRequired)
    {
        var v = Get(selector);
        if (secureRequired && v.Type != NodeParameterType.SecureString)
            throw new NodeOpsException(ErrorIds.ParameterNotSecure, ErrorCategory.InvalidData, selector,
                $"{{{{ ssm-secure:{selector} }}}} names a {v.Type} parameter; ssm-secure: is for SecureString parameters.");
        return ValueText(v);
    }

    private static NodeOpsException NotFound(string name) =>
        new(ErrorIds.ParameterNotFound, ErrorCategory.ObjectNotFound, name, $"Parameter '{name}' is not in the Parameter Store.");

    private static (string Name, string? Qualifier) Split(string selector)
    {
        var colon = selector.LastIndexOf(':');
        return colon > 0 ? (selector[..colon], selector[(colon + 1)..]) : (selector, null);
    }

    private static string PlainText(string name, NodeParameterType type, object value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        return (type, value) switch
        {
            (_, SecureString s) when type == NodeParameterType.SecureString => new NetworkCredential("", s).Password,
            (_, SecureString) => throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name,
                $"A SecureString value is stored only as -Type SecureString."),
            (NodeParameterType.StringList, System.Collections.IEnumerable items) when value is not string => JoinList(name, items),
            (NodeParameterType.StringList, string s) => JoinList(name, s.Split(',')),
            (_, string s) => s,
            (not NodeParameterType.StringList, IFormattable f) => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            (not NodeParameterType.StringList, bool b) => b ? "true" : "false",
            _ => throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name,
                $"The value of '{name}' must be a string{(type == NodeParameterType.StringList ? " or a list of strings" : type == NodeParameterType.SecureString ? " or a SecureString" : "")}."),
        };
    }

    private static string JoinList(string name, System.Collections.IEnumerable items)
    {
        var list = items.Cast<object?>().Select(i => (i is PSObject p ? p.BaseObject : i)?.ToString() ?? "").ToList();
        if (list.Any(i => i.Length == 0 || i.Contains(',')))
            throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name,
                $"StringList items of '{name}' must be non-empty and may not contain commas.");
        return string.Join(',', list);
    }

    private static SecureString ToSecure(string plain)
    {
        var s = new SecureString();
        foreach (var c in plain) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}

using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Patch baselines: the shipped defaults (one per OS, read-only, never stored) and the catalog's own; which
/// baseline is each OS's default; and which baseline each patch group (PatchGroup tag value) uses per OS.
/// </summary>
public sealed class PatchBaselineStore
{
    public const string PatchGroupTag = "PatchGroup";
    private readonly NodeCatalog _catalog;
    internal PatchBaselineStore(NodeCatalog catalog) => _catalog = catalog;

    private sealed class DefaultRecord { [BsonId] public string OperatingSystem { get; set; } = ""; public string BaselineId { get; set; } = ""; }
    private sealed class GroupRecord
    {
        [BsonId] public string Id { get; set; } = "";
        public string PatchGroup { get; set; } = "";
        public string OperatingSystem { get; set; } = "";
        public string BaselineId { get; set; } = "";
    }

    private static ILiteCollection<PatchBaseline> Baselines(LiteDatabase db) => db.GetCollection<PatchBaseline>(CatalogCollections.PatchBaselines);
    private static ILiteCollection<DefaultRecord> Defaults(LiteDatabase db) => db.GetCollection<DefaultRecord>(CatalogCollections.PatchDefaults);
    private static ILiteCollection<GroupRecord> Groups(LiteDatabase db) => db.GetCollection<GroupRecord>(CatalogCollections.PatchGroups);

    public IReadOnlyList<PatchBaseline> All() => _catalog.Run(db => Complete(db, DefaultPatchBaselines.All().Concat(Baselines(db).FindAll()).ToList()))
        .OrderBy(b => b.OperatingSystem).ThenBy(b => b.IsBuiltIn ? 0 : 1).ThenBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public PatchBaseline? Find(string idOrName)
    {
        var all = All();
        return all.FirstOrDefault(b => b.BaselineId.Equals(idOrName, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(b => b.Name.Equals(idOrName, StringComparison.OrdinalIgnoreCase));
    }

    public PatchBaseline Get(string idOrName) => Find(idOrName)
        ?? throw new NodeOpsException(ErrorIds.PatchBaselineNotFound, ErrorCategory.ObjectNotFound, idOrName, $"No patch baseline has the id or name '{idOrName}'.");

    public PatchBaseline Create(PatchBaseline b, bool makeDefault)
    {
        b.IsDefault = makeDefault;
        return CreateAll(new[] { b })[0];
    }

    /// <summary>Stores new baselines (each made its OS's default when IsDefault) in one transaction: all of them, or none when one is refused.</summary>
    public IReadOnlyList<PatchBaseline> CreateAll(IReadOnlyList<PatchBaseline> baselines)
    {
        foreach (var b in baselines) PatchBaselineRules.Check(b);
        var prepared = baselines.Select(b =>
        {
            var (groups, makeDefault) = (b.PatchGroups.ToList(), b.IsDefault);
            b.BaselineId = PatchBaselineRules.NewId();
            b.IsBuiltIn = false;
            b.CreatedDate = b.ModifiedDate = DateTime.UtcNow;
            b.PatchGroups = new();
            b.IsDefault = false;
            return (Baseline: b, Groups: groups, MakeDefault: makeDefault);
        }).ToList();
        _catalog.InTransaction(db =>
        {
            foreach (var (b, groups, makeDefault) in prepared)
            {
                if (NameTaken(db, b.Name, null))
                    throw new NodeOpsException(ErrorIds.PatchBaselineNameInUse, ErrorCategory.ResourceExists, b.Name, $"A patch baseline named '{b.Name}' already exists.");
                Baselines(db).Insert(b);
                foreach (var g in groups) Register(db, b, g);
                if (makeDefault) Defaults(db).Upsert(new DefaultRecord { OperatingSystem = b.OperatingSystem.ToString(), BaselineId = b.BaselineId });
            }
        });
        return prepared.Select(p => Get(p.Baseline.BaselineId)).ToList();
    }

    /// <summary>Changes a stored baseline; the change is checked whole before it is written.</summary>
    public PatchBaseline Update(string idOrName, Action<PatchBaseline> change)
    {
        var id = Writable(idOrName).BaselineId;
        _catalog.InTransaction(db =>
        {
            var b = Baselines(db).FindById(id);
            var os = b.OperatingSystem;
            change(b);
            if (b.OperatingSystem != os) throw PatchBaselineRules.Invalid(b.Name, "A baseline's operating system cannot change; create a new baseline.");
            PatchBaselineRules.Check(b);
            if (NameTaken(db, b.Name, id))
                throw new NodeOpsException(ErrorIds.PatchBaselineNameInUse, ErrorCategory.ResourceExists, b.Name, $"A patch baseline named '{b.Name}' already exists.");
            b.PatchGroups = new();
            b.IsDefault = false;
            b.ModifiedDate = DateTime.UtcNow;
            Baselines(db).Update(b);
        });
        return Get(id);
    }

    public void Remove(string idOrName)
    {
        var b = Writable(idOrName);
        if (b.IsDefault)
            throw new NodeOpsException(ErrorIds.PatchBaselineInUse, ErrorCategory.ResourceBusy, b.BaselineId,
                $"'{b.Name}' is the default {b.OperatingSystem} baseline; make another the default first (Set-DefaultPatchBaseline).");
        _catalog.InTransaction(db =>
        {
            Groups(db).DeleteMany(g => g.BaselineId == b.BaselineId);
            Baselines(db).Delete(b.BaselineId);
        });
    }

    public PatchBaseline SetDefault(string idOrName)
    {
        var b = Get(idOrName);
        _catalog.Run(db => Defaults(db).Upsert(new DefaultRecord { OperatingSystem = b.OperatingSystem.ToString(), BaselineId = b.BaselineId }));
        return Get(b.BaselineId);
    }

    /// <summary>Nodes tagged PatchGroup=group use this baseline (one baseline per group and OS).</summary>
    public PatchBaseline RegisterPatchGroup(string idOrName, string group)
    {
        var b = Get(idOrName);
        if (string.IsNullOrWhiteSpace(group) || group.Length > 256)
            throw PatchBaselineRules.Invalid(group, "A patch group is a PatchGroup tag value of 1 to 256 characters.");
        _catalog.InTransaction(db => Register(db, b, group));
        return Get(b.BaselineId);
    }

    private static void Register(LiteDatabase db, PatchBaseline b, string group)
    {
        var id = $"{group}|{b.OperatingSystem}";
        var existing = Groups(db).FindById(id);
        if (existing is not null && existing.BaselineId != b.BaselineId)
            throw new NodeOpsException(ErrorIds.PatchBaselineInUse, ErrorCategory.ResourceExists, group,
                $"Patch group '{group}' already uses baseline {existing.BaselineId} for {b.OperatingSystem}; a group has one baseline per operating system.");
        Groups(db).Upsert(new GroupRecord { Id = id, PatchGroup = group, OperatingSystem = b.OperatingSystem.ToString(), BaselineId = b.BaselineId });
    }

    /// <summary>The baseline a node uses for its OS: its PatchGroup's registered baseline, else the OS default.</summary>
    public (PatchBaseline Baseline, string? PatchGroup) ForNode(ManagedNode node, PatchOperatingSystem os)
    {
        var group = node.Tags.TryGetValue(PatchGroupTag, out var g) ? g : null;
        var all = All();
        if (group is not null)
        {
            var registered = _catalog.Run(db => Groups(db).FindById($"{group}|{os}"));
            if (registered is not null && all.FirstOrDefault(b => b.BaselineId == registered.BaselineId) is { } byGroup) return (byGroup, group);
        }
        return (all.First(b => b.OperatingSystem == os && b.IsDefault), group);
    }

    private PatchBaseline Writable(string idOrName)
    {
        var b = Get(idOrName);
        if (b.IsBuiltIn)
            throw new NodeOpsException(ErrorIds.PatchBaselineReadOnly, ErrorCategory.PermissionDenied, b.BaselineId,
                $"'{b.Name}' ships with NodeOps and cannot be changed or removed; export it, change the copy and import that.");
        return b;
    }

    private static bool NameTaken(LiteDatabase db, string name, string? exceptId) =>
        DefaultPatchBaselines.All().Any(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        || Baselines(db).FindAll().Any(b => b.BaselineId != exceptId && b.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Fills in what is kept beside each baseline: whether it is its OS's default, and its patch groups.</summary>
    private static List<PatchBaseline> Complete(LiteDatabase db, List<PatchBaseline> baselines)
    {
        var defaults = Defaults(db).FindAll().ToDictionary(d => d.OperatingSystem, d => d.BaselineId);
        var groups = Groups(db).FindAll().ToList();
        foreach (var b in baselines)
        {
            var os = b.OperatingSystem.ToString();
            b.IsDefault = defaults.TryGetValue(os, out var id) && baselines.Any(x => x.BaselineId == id) ? id == b.BaselineId : b.IsBuiltIn;
            b.PatchGroups = groups.Where(g => g.BaselineId == b.BaselineId).Select(g => g.PatchGroup).Order(StringComparer.Ordinal).ToList();
        }
        return baselines;
    }
}

using LiteDB;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>The catalog's one preferences record (defaults until set).</summary>
public sealed class PreferenceStore
{
    private readonly NodeCatalog _catalog;
    internal PreferenceStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<NodeOpsPreferences> Collection(LiteDatabase db) => db.GetCollection<NodeOpsPreferences>(CatalogCollections.Preferences);

    public NodeOpsPreferences Get() => _catalog.Run(db => Collection(db).FindById("preferences")) ?? new NodeOpsPreferences();

    public NodeOpsPreferences Update(Action<NodeOpsPreferences> change) => _catalog.InTransaction(db =>
    {
        var p = Collection(db).FindById("preferences") ?? new NodeOpsPreferences();
        change(p);
        Collection(db).Upsert(p);
        return p;
    });
}

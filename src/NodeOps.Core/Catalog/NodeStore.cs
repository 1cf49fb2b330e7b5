using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>Managed nodes in the catalog.</summary>
public sealed class NodeStore
{
    private readonly NodeCatalog _catalog;
    internal NodeStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<ManagedNode> Collection(LiteDatabase db) => db.GetCollection<ManagedNode>(CatalogCollections.Nodes);

    public IReadOnlyList<ManagedNode> All() => _catalog.Run(db => Collection(db).FindAll().OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList());

    public ManagedNode? Find(string nodeId) => _catalog.Run(db => Collection(db).FindById(nodeId));

    public ManagedNode Get(string nodeId) => Find(nodeId)
        ?? throw new NodeOpsException(ErrorIds.NodeNotFound, ErrorCategory.ObjectNotFound, nodeId,
            $"No managed node with id '{nodeId}' is registered in the catalog.");

    /// <summary>Finds a node by id, or else by name; throws NodeNotFound.</summary>
    public ManagedNode Resolve(string idOrName) => Find(idOrName) ?? FindByName(idOrName)
        ?? throw new NodeOpsException(ErrorIds.NodeNotFound, ErrorCategory.ObjectNotFound, idOrName,
            $"No managed node with id or name '{idOrName}' is registered in the catalog.");

    /// <summary>The id of the node with this id or name; the text itself when none matches (history may name removed nodes).</summary>
    public string IdOf(string idOrName) => (Find(idOrName) ?? FindByName(idOrName))?.NodeId ?? idOrName;

    public ManagedNode? FindByName(string name) => _catalog.Run(db =>
        Collection(db).FindOne(Query.EQ("LOWER($.Name)", name.ToLowerInvariant())));

    public void Insert(ManagedNode node) => _catalog.Run(db =>
    {
        if (Collection(db).FindOne(Query.EQ("LOWER($.Name)", node.Name.ToLowerInvariant())) is { } existing)
            throw NameInUse(node.Name, existing.NodeId);
        Collection(db).Insert(node);
    });

    public void Update(ManagedNode node) => _catalog.Run(db =>
    {
        var clash = Collection(db).FindOne(Query.EQ("LOWER($.Name)", node.Name.ToLowerInvariant()));
        if (clash is not null && clash.NodeId != node.NodeId) throw NameInUse(node.Name, clash.NodeId);
        if (!Collection(db).Update(node))
            throw new NodeOpsException(ErrorIds.NodeNotFound, ErrorCategory.ObjectNotFound, node.NodeId,
                $"No managed node with id '{node.NodeId}' is registered in the catalog.");
    });

    /// <summary>Writes only the connection-test fields, so a concurrent Set-ManagedNode is not overwritten.</summary>
    public void RecordPing(NodeConnectionTest test) => _catalog.Run(db =>
    {
        var node = Collection(db).FindById(test.NodeId);
        if (node is null) return;
        node.PingStatus = test.PingStatus;
        node.LastPingTime = test.TestedAt;
        node.LatencyMs = test.LatencyMs;
        node.LastError = test.Error;
        if (test.PingStatus == PingStatus.Online)
        {
            node.LastSeenTime = test.TestedAt;
            node.PlatformType = test.PlatformType;
            node.PlatformName = test.PlatformName;
            node.PlatformVersion = test.PlatformVersion;
            node.ComputerName = test.ComputerName;
            node.PSVersion = test.PSVersion;
        }
        Collection(db).Update(node);
    });

    public bool Delete(string nodeId) => _catalog.Run(db => Collection(db).Delete(nodeId));

    private static NodeOpsException NameInUse(string name, string id) =>
        new(ErrorIds.NodeNameInUse, ErrorCategory.ResourceExists, name,
            $"A managed node named '{name}' is already registered (id {id}). Use Set-ManagedNode to change it.");
}

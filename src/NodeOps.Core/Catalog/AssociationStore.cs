using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Compliance;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>State Manager associations, their per-node status (compliance) and their runs.</summary>
public sealed class AssociationStore
{
    private readonly NodeCatalog _catalog;

    internal AssociationStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<NodeAssociation> Associations(LiteDatabase db) => db.GetCollection<NodeAssociation>(CatalogCollections.Associations);
    private static ILiteCollection<NodeAssociationStatus> Statuses(LiteDatabase db) => db.GetCollection<NodeAssociationStatus>(CatalogCollections.AssociationStatus);
    private static ILiteCollection<NodeAssociationRun> Runs(LiteDatabase db) => db.GetCollection<NodeAssociationRun>(CatalogCollections.AssociationRuns);

    public NodeAssociation Create(NodeAssociation association) => _catalog.InTransaction(db =>
    {
        if (association.AssociationName is { } name && FindByName(db, name) is not null)
            throw new NodeOpsException(ErrorIds.InvalidAssociation, ErrorCategory.ResourceExists, name, $"An association named '{name}' already exists.");
        association.AssociationId = Guid.NewGuid().ToString();
        association.CreatedDate = association.ModifiedDate = DateTime.UtcNow;
        Associations(db).Insert(association);
        return association;
    });

    public void Update(NodeAssociation association) => _catalog.Run(db =>
    {
        association.ModifiedDate = DateTime.UtcNow;
        association.Version++;
        Associations(db).Update(association);
    });

    /// <summary>An association by id or name.</summary>
    public NodeAssociation Get(string idOrName) => _catalog.Run(db => Associations(db).FindById(idOrName) ?? FindByName(db, idOrName))
        ?? throw new NodeOpsException(ErrorIds.AssociationNotFound, ErrorCategory.ObjectNotFound, idOrName,
            $"No association has the id or name '{idOrName}'.");

    public IReadOnlyList<NodeAssociation> All() => _catalog.Run(db => Associations(db).FindAll().OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase).ToList());

    private static NodeAssociation? FindByName(LiteDatabase db, string name) =>
        Associations(db).FindAll().FirstOrDefault(a => string.Equals(a.AssociationName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes an association with its per-node status and run history.</summary>
    public void Remove(string associationId) => _catalog.InTransaction(db =>
    {
        Statuses(db).DeleteMany(s => s.AssociationId == associationId);
        Runs(db).DeleteMany(r => r.AssociationId == associationId);
        _catalog.Compliance.RemoveItems(db, AssociationComplianceType, associationId);
        Associations(db).Delete(associationId);
    });

    public IReadOnlyList<NodeAssociationStatus> StatusOf(string? associationId, string? nodeId) => _catalog.Run(db =>
    {
        var all = associationId is null ? Statuses(db).FindAll() : Statuses(db).Find(s => s.AssociationId == associationId);
        return all.Where(s => nodeId is null || s.NodeId == nodeId).OrderBy(s => s.AssociationName).ThenBy(s => s.NodeName, StringComparer.OrdinalIgnoreCase).ToList();
    });

    /// <summary>
    /// Claims the first application to nodes that have no status yet: inserts a Pending status for each, in one
    /// transaction; returns the nodes this caller claimed (another scheduler claiming first gets none).
    /// </summary>
    public IReadOnlyList<ManagedNode> ClaimNewNodes(NodeAssociation association, IReadOnlyList<ManagedNode> targets) => _catalog.InTransaction(db =>
    {
        var claimed = new List<ManagedNode>();
        foreach (var node in targets)
        {
            var id = NodeAssociationStatus.MakeId(association.AssociationId, node.NodeId);
            if (Statuses(db).FindById(id) is not null) continue;
            Statuses(db).Insert(NewStatus(association, node.NodeId, node.Name));
            claimed.Add(node);
        }
        return claimed;
    });

    private static NodeAssociationStatus NewStatus(NodeAssociation a, string nodeId, string nodeName) => new()
    {
        Id = NodeAssociationStatus.MakeId(a.AssociationId, nodeId),
        AssociationId = a.AssociationId,
        AssociationName = a.AssociationName,
        DocumentName = a.DocumentName,
        NodeId = nodeId,
        NodeName = nodeName,
        Severity = a.ComplianceSeverity,
        Details = "Not applied yet.",
    };

    /// <summary>Claims a scheduled occurrence (the run record's id is made from it) and moves LastOccurrence forward.</summary>
    public bool TryClaim(NodeAssociationRun run, DateTime lastOccurrence) => _catalog.InTransaction(db =>
    {
        if (Runs(db).FindById(run.RunId) is not null) return false;
        var association = Associations(db).FindById(run.AssociationId);
        if (association is null) return false;
        Runs(db).Insert(run);
        if (association.LastOccurrence is null || association.LastOccurrence < lastOccurrence)
        {
            association.LastOccurrence = lastOccurrence;
            Associations(db).Update(association);
        }
        return true;
    });

    public void AddRun(NodeAssociationRun run) => _catalog.Run(db => Runs(db).Insert(run));

    public NodeAssociationRun? FindRun(string runId) => _catalog.Run(db => Runs(db).FindById(runId));

    public void UpdateRun(NodeAssociationRun run) => _catalog.Run(db => Runs(db).Update(run));

    /// <summary>
    /// Records each node's result of a run: its status, and the Association compliance item it gives (a partial
    /// upload, so the node's items of other associations stay), in one transaction.
    /// </summary>
    public void RecordResults(NodeAssociation association, IEnumerable<NodeCommandInvocation> invocations)
    {
        _catalog.Compliance.EnsureIndexes();
        _catalog.InTransaction(db => RecordResults(db, association, invocations));
    }

    private void RecordResults(LiteDatabase db, NodeAssociation association, IEnumerable<NodeCommandInvocation> invocations)
    {
        foreach (var inv in invocations)
        {
            var id = NodeAssociationStatus.MakeId(association.AssociationId, inv.NodeId);
            var status = Statuses(db).FindById(id) ?? NewStatus(association, inv.NodeId, inv.NodeName);
            status.AssociationName = association.AssociationName;
            status.DocumentName = association.DocumentName;
            status.Severity = association.ComplianceSeverity;
            status.Status = inv.Status.ToString();
            status.ComplianceStatus = inv.Status == InvocationStatus.Success ? ComplianceStatus.Compliant : ComplianceStatus.NonCompliant;
            status.Details = inv.StatusDetails;
            status.ErrorId = inv.ErrorId;
            status.ExitCode = inv.ExitCode;
            status.CommandId = inv.CommandId;
            status.LastRunTime = inv.EndTime ?? DateTime.UtcNow;
            if (inv.Status == InvocationStatus.Success) status.LastSuccessfulRunTime = status.LastRunTime;
            Statuses(db).Upsert(status);
            _catalog.Compliance.ReplaceItems(db, inv.NodeId, AssociationComplianceType, new[] { ComplianceItemOf(association, status) },
                inv.CommandId, status.LastRunTime.Value, ComplianceUploadType.Partial);
        }
        if (Associations(db).FindById(association.AssociationId) is { } stored)
        {
            stored.LastExecutionDate = DateTime.UtcNow;
            Associations(db).Update(stored);
        }
    }

    private const string AssociationComplianceType = "Association";

    private static ComplianceItemInput ComplianceItemOf(NodeAssociation association, NodeAssociationStatus status)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["DocumentName"] = association.DocumentName, ["Status"] = status.Status };
        if (association.DocumentVersion is { } version) details["DocumentVersion"] = version;
        if (status.Details is { Length: > 0 } text) details["Details"] = text;
        if (status.ErrorId is { } errorId) details["ErrorId"] = errorId;
        return new ComplianceItemInput(association.AssociationId, association.AssociationName ?? association.DocumentName, status.ComplianceStatus, association.ComplianceSeverity, details);
    }

    /// <summary>Records that a run was skipped on these nodes (a closed change calendar), keeping their compliance.</summary>
    public void RecordSkipped(NodeAssociation association, IEnumerable<ManagedNode> nodes, string reason) => _catalog.InTransaction(db =>
    {
        foreach (var node in nodes)
        {
            var id = NodeAssociationStatus.MakeId(association.AssociationId, node.NodeId);
            var status = Statuses(db).FindById(id) ?? NewStatus(association, node.NodeId, node.Name);
            status.Status = "Skipped";
            status.Details = reason;
            Statuses(db).Upsert(status);
        }
    });
}

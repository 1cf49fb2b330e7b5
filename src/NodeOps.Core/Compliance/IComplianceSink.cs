using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>
/// Where every compliance source writes: a report replaces the node's items of one type at once (SSM's
/// PutComplianceItems). Check runs, patch scans and association runs all come through here.
/// </summary>
public interface IComplianceSink
{
    /// <summary>
    /// Complete (the default): the items replace all of the node's items of the type. Partial: only the items given
    /// are added or replaced, by id; the node's other items of the type stay (one association reporting on itself).
    /// </summary>
    IReadOnlyList<ComplianceItem> ReplaceItems(string nodeId, string complianceType, IReadOnlyList<ComplianceItemInput> items, string executionId, DateTime executedAt,
        ComplianceUploadType uploadType = ComplianceUploadType.Complete);
}

/// <summary>SSM's UploadType of PutComplianceItems.</summary>
public enum ComplianceUploadType { Complete, Partial }

using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>
/// Where every compliance source writes: a report replaces the node's items of one type at once (SSM's
/// PutComplianceItems). Check runs, patch scans and association runs all come through here.
/// </summary>
public interface IComplianceSink
{
    IReadOnlyList<ComplianceItem> ReplaceItems(string nodeId, string complianceType, IReadOnlyList<ComplianceItemInput> items, string executionId, DateTime executedAt);
}

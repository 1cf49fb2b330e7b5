using System.Management.Automation;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Core.Automation;

/// <summary>Which compliance transitions fire a trigger, and the parameters a fired runbook gets.</summary>
public static class AutomationTriggerRules
{
    /// <summary>Runbook parameters filled from the transition when the runbook declares them.</summary>
    public const string TypeParameter = "ComplianceType", ItemIdParameter = "ComplianceItemId", TitleParameter = "ComplianceItemTitle", SeverityParameter = "ComplianceSeverity";

    /// <summary>
    /// A transition fires the trigger when the item is NonCompliant now and was not before (absent or Compliant), and
    /// its type, id, severity and node match the trigger's.
    /// </summary>
    public static bool Fires(NodeAutomationTrigger trigger, ComplianceItem item, ComplianceStatus? previous, ManagedNode? node) =>
        trigger.Enabled
        && item.Status == ComplianceStatus.NonCompliant && previous != ComplianceStatus.NonCompliant
        && Like(trigger.ComplianceType, item.Type) && Like(trigger.ItemId, item.Id)
        && (trigger.Severities.Count == 0 || trigger.Severities.Contains(item.Severity))
        && AppliesTo(trigger, node);

    public static bool AppliesTo(NodeAutomationTrigger trigger, ManagedNode? node)
    {
        if (trigger.NodeIds.Count == 0 && trigger.Tags.Count == 0) return true;
        if (node is null) return false;
        if (trigger.NodeIds.Any(id => string.Equals(id, node.NodeId, StringComparison.OrdinalIgnoreCase) || string.Equals(id, node.Name, StringComparison.OrdinalIgnoreCase)))
            return true;
        return trigger.Tags.Count > 0 && TagFilter.ParseMany(trigger.Tags).All(f => f.Matches(node));
    }

    /// <summary>The fired runbook's parameters: the trigger's own, the node id, and the transition's details the runbook declares.</summary>
    public static Dictionary<string, object?> Parameters(NodeAutomationTrigger trigger, NodeAutomationTriggerEvent e, IEnumerable<string> declared)
    {
        var names = new HashSet<string>(declared, StringComparer.Ordinal);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in trigger.Parameters) result[k] = StoredParameters.Value(v);
        result[trigger.TargetParameterName] = e.NodeId;
        void Fill(string name, string value) { if (names.Contains(name) && !trigger.Parameters.ContainsKey(name)) result[name] = value; }
        Fill(TypeParameter, e.ComplianceType);
        Fill(ItemIdParameter, e.ItemId);
        Fill(TitleParameter, e.ItemTitle);
        Fill(SeverityParameter, e.Severity.ToString().ToUpperInvariant());
        return result;
    }

    private static bool Like(string pattern, string value) => WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase).IsMatch(value);
}

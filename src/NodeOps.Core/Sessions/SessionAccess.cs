using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Core.Sessions;

/// <summary>
/// Who may enter which nodes. A rule applies to nodes with its tag ("*": every node) and names a user or
/// group. Deny wins; where Allow rules apply to a node, only the principals they name may enter it.
/// </summary>
public static class SessionAccess
{
    public static void Check(IReadOnlyList<SessionAccessRule> rules, ManagedNode node, string user, IReadOnlyList<string> groups)
    {
        var applying = rules.Where(r => AppliesTo(r, node)).ToList();
        bool Names(SessionAccessRule r) => r.Principal.Equals(user, StringComparison.OrdinalIgnoreCase)
            || groups.Contains(r.Principal, StringComparer.OrdinalIgnoreCase) || r.Principal == "*";
        var deny = applying.FirstOrDefault(r => r.Effect == SessionAccessEffect.Deny && Names(r));
        var allows = applying.Where(r => r.Effect == SessionAccessEffect.Allow).ToList();
        string? why = deny is not null ? $"rule '{deny}' denies it"
            : allows.Count > 0 && !allows.Any(Names) ? $"only {string.Join(", ", allows.Select(a => a.Principal).Distinct())} may enter nodes tagged {string.Join(", ", allows.Select(a => a.Tag).Distinct())}"
            : null;
        if (why is not null)
            throw new NodeOpsException(ErrorIds.SessionDenied, ErrorCategory.PermissionDenied, node.NodeId,
                $"{user} may not open a session on {node.Name} ({node.NodeId}): {why}.");
    }

    public static bool AppliesTo(SessionAccessRule rule, ManagedNode node) =>
        rule.Tag == "*" || TagFilter.Parse(rule.Tag).Matches(node);
}

using NodeOps.Core.Models;

namespace NodeOps.Core.Execution;

/// <summary>Replaces the text of secrets with **** in everything a run keeps or shows.</summary>
public static class SecretMask
{
    public const string Mask = "****";

    public static string Apply(string text, IReadOnlyList<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        foreach (var s in secrets.OrderByDescending(s => s.Length))
            if (s.Length > 0) text = text.Replace(s, Mask, StringComparison.Ordinal);
        return text;
    }

    public static void Apply(NodeCommandInvocation inv, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0) return;
        inv.StatusDetails = inv.StatusDetails is null ? null : Apply(inv.StatusDetails, secrets);
        foreach (var step in inv.Steps)
        {
            step.StandardOutput = Apply(step.StandardOutput, secrets);
            step.StandardError = Apply(step.StandardError, secrets);
            step.StatusDetails = step.StatusDetails is null ? null : Apply(step.StatusDetails, secrets);
        }
        // Objects a PowerShell step returned could hold a secret anywhere inside; only their masked text is kept.
        inv.Output = Array.Empty<object>();
    }
}

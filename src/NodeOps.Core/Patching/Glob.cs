using System.Management.Automation;

namespace NodeOps.Core.Patching;

/// <summary>Package-name patterns (* and ?), case-insensitive, as in ApprovedPatches, RejectedPatches and filter values.</summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string value) =>
        pattern == "*" || (WildcardPattern.ContainsWildcardCharacters(pattern)
            ? new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(value)
            : string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase));
}

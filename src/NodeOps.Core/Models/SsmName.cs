using System.Text.RegularExpressions;

namespace NodeOps.Core.Models;

/// <summary>SSM's rule for the names of documents, baselines, maintenance windows and change calendars: 3 to 128 of a-z, A-Z, 0-9, _, - and '.'.</summary>
public static partial class SsmName
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex(@"^[a-zA-Z0-9_\-.]{3,128}$")]
    private static partial Regex Pattern();
}

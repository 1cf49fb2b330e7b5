using System.Management.Automation;
using System.Text.RegularExpressions;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Parameters;

/// <summary>SSM's standard-tier limits for names, hierarchy, values, labels and versions.</summary>
public static class ParameterRules
{
    public const int MaxNameLength = 1011, MaxLevels = 15, MaxValueLength = 4096, MaxDescriptionLength = 1024;
    public const int MaxVersions = 100, MaxLabelsPerVersion = 10, MaxLabelLength = 100;
    private static readonly Regex NameChars = new(@"^[a-zA-Z0-9_.\-/]+$");
    private static readonly Regex LabelChars = new(@"^[a-zA-Z0-9_.\-]+$");

    public static void CheckName(string name)
    {
        string? problem = null;
        if (name.Length == 0 || name.Length > MaxNameLength) problem = $"a name has 1 to {MaxNameLength} characters";
        else if (!NameChars.IsMatch(name)) problem = "a name may hold only letters, digits and _ . - /";
        else if (name.Contains('/') && !name.StartsWith('/')) problem = "a hierarchical name starts with /";
        else if (name.Contains("//") || name.Length > 1 && name.EndsWith('/')) problem = "a name has no empty levels";
        else if (name.Count(c => c == '/') > MaxLevels) problem = $"a name has at most {MaxLevels} levels";
        else if (Reserved(name.TrimStart('/'))) problem = "names starting with aws or ssm are reserved";
        if (problem is not null)
            throw new NodeOpsException(ErrorIds.InvalidParameterName, ErrorCategory.InvalidArgument, name, $"'{Shorten(name)}' is not a valid parameter name: {problem}.");
    }

    public static void CheckPath(string path)
    {
        if (path == "/") return;
        CheckName(path.TrimEnd('/'));
        if (!path.StartsWith('/'))
            throw new NodeOpsException(ErrorIds.InvalidParameterName, ErrorCategory.InvalidArgument, path, $"'{path}' is not a path: paths start with /.");
    }

    public static void CheckLabel(string label)
    {
        if (label.Length is 0 or > MaxLabelLength || !LabelChars.IsMatch(label) || char.IsDigit(label[0]) || Reserved(label))
            throw new NodeOpsException(ErrorIds.InvalidParameterLabel, ErrorCategory.InvalidArgument, label,
                $"'{Shorten(label)}' is not a valid label: 1 to {MaxLabelLength} letters, digits, _ . -, not starting with a digit, aws or ssm.");
    }

    public static void CheckValue(string name, string value, string? allowedPattern, bool isList)
    {
        if (value.Length == 0 || value.Length > MaxValueLength)
            throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name,
                $"The value of '{name}' has {value.Length} characters; a standard parameter holds 1 to {MaxValueLength}.");
        if (allowedPattern is null) return;
        foreach (var item in isList ? value.Split(',') : new[] { value })
            if (!Regex.IsMatch(item, allowedPattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name,
                    $"The value of '{name}' does not match its AllowedPattern {allowedPattern}.");
    }

    private static bool Reserved(string text) =>
        text.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || text.StartsWith("ssm", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string s) => s.Length > 80 ? s[..77] + "..." : s;
}

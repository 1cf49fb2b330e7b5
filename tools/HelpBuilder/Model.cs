namespace HelpBuilder;

/// <summary>One cmdlet's help, as read from its markdown file.</summary>
internal sealed class CommandDoc
{
    public required string File { get; init; }
    public string Name { get; set; } = "";
    public int NameLine { get; set; } = 1;
    public Dictionary<string, string> FrontMatter { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, int> FrontMatterLines { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> Synopsis { get; } = new();
    public List<string> Description { get; } = new();
    public List<SyntaxSet> Syntax { get; } = new();
    public List<ExampleDoc> Examples { get; } = new();
    public List<ParameterDoc> Parameters { get; } = new();
    public List<TypeDoc> Inputs { get; } = new();
    public List<TypeDoc> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<LinkDoc> Links { get; } = new();

    /// <summary>The "online version" (platyPS 2.0.0) or "HelpUri" (Microsoft.PowerShell.PlatyPS) front matter value.</summary>
    public string? OnlineVersion =>
        new[] { "online version", "HelpUri" }.Select(k => FrontMatter.GetValueOrDefault(k)?.Trim())
            .FirstOrDefault(v => !string.IsNullOrEmpty(v));
}

/// <summary>A "### SetName" under "## SYNTAX": the parameter names in the order its code block shows them.</summary>
internal sealed record SyntaxSet(string Name, bool IsDefault, List<string> Parameters, int Line);

internal sealed record ExampleDoc(string Title, string Code, List<string> Remarks, int Line);

internal sealed record TypeDoc(string TypeName, List<string> Description);

internal sealed record LinkDoc(string Text, string Uri);

internal sealed class ParameterDoc
{
    public required string Name { get; init; }
    public int Line { get; init; }
    public List<string> Description { get; } = new();
    public string Type { get; set; } = "";
    public List<string> Aliases { get; } = new();
    public string DefaultValue { get; set; } = "None";
    public bool Globbing { get; set; }
    public List<string> AcceptedValues { get; } = new();
    public bool DontShow { get; set; }

    /// <summary>
    /// Per-set attributes. platyPS writes one yaml block per distinct combination (a parameter that is mandatory
    /// in one set and optional in another has two blocks); Microsoft.PowerShell.PlatyPS lists them under ParameterSets.
    /// </summary>
    public List<ParameterSetEntry> Sets { get; } = new();

    public bool IsSwitch =>
        Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
        Type.Equals("System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

    public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);

    /// <summary>The entry that applies to a parameter set, or null when the parameter is not in it.</summary>
    public ParameterSetEntry? EntryFor(string set) =>
        Sets.FirstOrDefault(e => e.Sets.Contains(set, StringComparer.OrdinalIgnoreCase))
        ?? Sets.FirstOrDefault(e => e.IsAll);
}

internal sealed record ParameterSetEntry(List<string> Sets, bool Required, string Position, string PipelineInput, int Line)
{
    public const string All = "(All)";
    public bool IsAll => Sets.Any(s => s.Equals(All, StringComparison.OrdinalIgnoreCase) || s == "__AllParameterSets");
}

/// <summary>Collects "file:line: error: message" diagnostics so one run reports every problem, not just the first.</summary>
internal sealed class Diagnostics
{
    private readonly List<(string File, int Line, string Text)> _errors = new();
    private readonly List<(string File, int Line, string Text)> _warnings = new();

    public int ErrorCount => _errors.Count;

    /// <summary>Errors sorted by file and line.</summary>
    public IEnumerable<string> Errors => Sorted(_errors);

    public IEnumerable<string> Warnings => Sorted(_warnings);

    public void Error(string file, int line, string message) => _errors.Add((file, line, $"{Where(file, line)}: error: {message}"));

    public void Warning(string file, int line, string message) => _warnings.Add((file, line, $"{Where(file, line)}: warning: {message}"));

    private static string Where(string file, int line) => line > 0 ? $"{file}:{line}" : file;

    private static IEnumerable<string> Sorted(List<(string File, int Line, string Text)> items) =>
        items.Select((d, i) => (d, i)).OrderBy(x => x.d.File, StringComparer.Ordinal).ThenBy(x => x.d.Line).ThenBy(x => x.i).Select(x => x.d.Text);
}

namespace HelpBuilder;

/// <summary>One cmdlet's help as read from its markdown file.</summary>
internal sealed class CommandHelp
{
    public string Name { get; set; } = "";
    public string Synopsis { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> ParameterSets { get; } = new();
    public List<ExampleHelp> Examples { get; } = new();
    public List<ParameterHelp> Parameters { get; } = new();
    public List<(string Type, string Description)> Inputs { get; } = new();
    public List<(string Type, string Description)> Outputs { get; } = new();
    public string Notes { get; set; } = "";
    public List<string> RelatedLinks { get; } = new();
}

internal sealed record ExampleHelp(string Title, string Code, string Remarks);

internal sealed class ParameterHelp
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Type { get; set; } = "Object";
    public List<string> Sets { get; } = new();
    public string Aliases { get; set; } = "None";
    public bool Required { get; set; }
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    public string PipelineInput { get; set; } = "False";
    public bool Globbing { get; set; }

    public bool InSet(string set) => Sets.Count == 0 || Sets.Contains("(All)") || Sets.Contains(set, StringComparer.OrdinalIgnoreCase);
}

internal sealed class HelpFormatException(string file, int line, string message) : Exception($"{file}:{line}: {message}");

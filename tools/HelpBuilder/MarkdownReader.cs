using System.Text;

namespace HelpBuilder;

/// <summary>
/// Reads platyPS-format cmdlet markdown (schema 2.0.0): front matter, "# Name", "## SYNOPSIS",
/// "## SYNTAX" (### per parameter set), "## DESCRIPTION", "## EXAMPLES" (### per example with a code
/// fence), "## PARAMETERS" (### -Name, text, a yaml fence), "## INPUTS", "## OUTPUTS", "## NOTES",
/// "## RELATED LINKS".
/// </summary>
internal static class MarkdownReader
{
    public static CommandHelp Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var file = Path.GetFileName(path);
        var help = new CommandHelp();
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            i = 1;
            while (i < lines.Length && lines[i].Trim() != "---") i++;
            i++;
        }

        string? section = null;
        var sectionStart = 0;
        var body = new List<(int Line, string Text)>();
        void Flush()
        {
            if (section is not null) Apply(help, section, body, file, sectionStart);
            body.Clear();
        }
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("# ") && help.Name.Length == 0) { help.Name = line[2..].Trim(); continue; }
            if (line.StartsWith("## "))
            {
                Flush();
                section = line[3..].Trim().ToUpperInvariant();
                sectionStart = i + 1;
                continue;
            }
            body.Add((i + 1, line));
        }
        Flush();

        if (help.Name.Length == 0) throw new HelpFormatException(file, 1, "no '# Cmdlet-Name' heading");
        if (help.Synopsis.Length == 0) throw new HelpFormatException(file, 1, "the SYNOPSIS section is missing or empty");
        if (help.Examples.Count == 0) throw new HelpFormatException(file, 1, "no example under ## EXAMPLES");
        return help;
    }

    private static void Apply(CommandHelp help, string section, List<(int Line, string Text)> body, string file, int start)
    {
        switch (section)
        {
            case "SYNOPSIS": help.Synopsis = Paragraphs(body); break;
            case "DESCRIPTION": help.Description = Paragraphs(body); break;
            case "NOTES": help.Notes = Paragraphs(body); break;
            case "SYNTAX":
                foreach (var (_, t) in body.Where(b => b.Text.StartsWith("### ")))
                    help.ParameterSets.Add(t[4..].Replace("(Default)", "").Trim());
                break;
            case "EXAMPLES":
                foreach (var (title, sub, line) in Subsections(body))
                {
                    var code = Fenced(sub, out var rest);
                    if (code is null) throw new HelpFormatException(file, line, $"example '{title}' has no code block");
                    help.Examples.Add(new ExampleHelp(title, code, Paragraphs(rest)));
                }
                break;
            case "PARAMETERS":
                foreach (var (title, sub, line) in Subsections(body))
                {
                    if (title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)) continue;
                    if (!title.StartsWith('-')) throw new HelpFormatException(file, line, $"parameter heading '{title}' must start with '-'");
                    var yaml = Fenced(sub, out var rest) ?? throw new HelpFormatException(file, line, $"parameter {title} has no yaml block");
                    help.Parameters.Add(Parameter(title[1..], Paragraphs(rest), yaml));
                }
                break;
            case "INPUTS": help.Inputs.AddRange(Subsections(body).Select(s => (s.Title, Paragraphs(s.Body)))); break;
            case "OUTPUTS": help.Outputs.AddRange(Subsections(body).Select(s => (s.Title, Paragraphs(s.Body)))); break;
            case "RELATED LINKS":
                foreach (var (_, t) in body.Where(b => b.Text.Trim().Length > 0))
                {
                    var text = t.Trim();
                    help.RelatedLinks.Add(text.StartsWith('[') && text.Contains(']') ? text[1..text.IndexOf(']')] : text);
                }
                break;
        }
    }

    private static ParameterHelp Parameter(string name, string description, string yaml)
    {
        var p = new ParameterHelp { Name = name, Description = description };
        foreach (var raw in yaml.Split('\n'))
        {
            var colon = raw.IndexOf(':');
            if (colon <= 0) continue;
            var key = raw[..colon].Trim();
            var value = raw[(colon + 1)..].Trim();
            switch (key)
            {
                case "Type": p.Type = value; break;
                case "Parameter Sets": p.Sets.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)); break;
                case "Aliases": p.Aliases = value.Length == 0 ? "None" : value; break;
                case "Required": p.Required = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                case "Position": p.Position = value; break;
                case "Default value": p.DefaultValue = value; break;
                case "Accept pipeline input": p.PipelineInput = value; break;
                case "Accept wildcard characters": p.Globbing = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
            }
        }
        return p;
    }

    private static IEnumerable<(string Title, List<(int Line, string Text)> Body, int Line)> Subsections(List<(int Line, string Text)> body)
    {
        string? title = null;
        var line = 0;
        var sub = new List<(int, string)>();
        foreach (var b in body)
        {
            if (b.Text.StartsWith("### "))
            {
                if (title is not null) yield return (title, sub, line);
                title = b.Text[4..].Trim();
                line = b.Line;
                sub = new List<(int, string)>();
                continue;
            }
            sub.Add(b);
        }
        if (title is not null) yield return (title, sub, line);
    }

    /// <summary>The first fenced code block, and the lines outside it.</summary>
    private static string? Fenced(List<(int Line, string Text)> body, out List<(int Line, string Text)> rest)
    {
        rest = new List<(int, string)>();
        var code = new StringBuilder();
        bool inside = false, found = false, done = false;
        foreach (var b in body)
        {
            if (!done && b.Text.TrimStart().StartsWith("```"))
            {
                if (inside) { inside = false; done = true; }
                else { inside = true; found = true; }
                continue;
            }
            if (inside) code.Append(b.Text).Append('\n');
            else rest.Add(b);
        }
        return found ? code.ToString().TrimEnd('\n') : null;
    }

    private static string Paragraphs(IEnumerable<(int Line, string Text)> body) =>
        string.Join("\n", body.Select(b => b.Text)).Trim();
}

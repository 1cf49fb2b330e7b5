using System.Text.RegularExpressions;

namespace HelpBuilder;

/// <summary>
/// Reads one cmdlet help file in platyPS markdown (schema 2.0.0; the Microsoft.PowerShell.PlatyPS parameter yaml
/// is accepted too) and checks it. Every problem is reported as "file:line: error: ..." in <see cref="Diagnostics"/>.
/// </summary>
internal static partial class MarkdownReader
{
    private static readonly string[] KnownSections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS", "ALIASES"];

    private static readonly string[] RequiredSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS"];

    private sealed record Section(string Title, int Line, List<Line> Body);

    private sealed record Subsection(string Title, int Line, List<Line> Body);

    [GeneratedRegex(@"^(?<level>#{1,3})\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\{\{\s*(Fill|Add|Insert|Enter|Required|Manually)\b[^}]*\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<![\w-])-(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SyntaxParameter();

    [GeneratedRegex(@"^-(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex ParameterHeading();

    [GeneratedRegex(@"^\[(?<text>[^\]]*)\]\((?<uri>[^)\s]*)\)$")]
    private static partial Regex LinkLine();

    public static CommandDoc? Read(string path, string displayName, Diagnostics diag)
    {
        var file = displayName;
        var errorsBefore = diag.ErrorCount;
        string[] raw;
        try { raw = File.ReadAllLines(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diag.Error(file, 1, $"cannot read the file: {ex.Message}");
            return null;
        }

        var doc = new CommandDoc { File = file };
        var lines = raw.Select((t, i) => new Line(i + 1, t)).ToList();
        var start = ReadFrontMatter(lines, doc, diag);
        if (start < 0) return null;

        var sections = SplitSections(lines, start, doc, diag);
        if (doc.Name.Length == 0)
        {
            diag.Error(file, 1, "no '# Verb-Noun' title heading");
            return null;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sections)
        {
            if (!KnownSections.Contains(s.Title, StringComparer.OrdinalIgnoreCase))
            {
                diag.Error(file, s.Line, $"unknown section '## {s.Title}' (expected one of: {string.Join(", ", KnownSections.Where(k => k != "ALIASES"))})");
                continue;
            }
            if (seen.TryGetValue(s.Title, out var first))
            {
                diag.Error(file, s.Line, $"section '## {s.Title}' appears twice (first at line {first})");
                continue;
            }
            seen[s.Title] = s.Line;
        }
        foreach (var required in RequiredSections.Where(r => !seen.ContainsKey(r)))
            diag.Error(file, doc.NameLine, $"the '## {required}' section is missing");
        var stem = Path.GetFileNameWithoutExtension(path);
        if (!doc.Name.Equals(stem, StringComparison.OrdinalIgnoreCase))
            diag.Error(file, doc.NameLine, $"the title '# {doc.Name}' does not match the file name '{stem}.md'");

        Section? Get(string title) => sections.FirstOrDefault(s => s.Title.Equals(title, StringComparison.OrdinalIgnoreCase));

        foreach (var line in lines.Skip(start).Where(l => Placeholder().IsMatch(l.Text)))
            diag.Error(file, line.No, $"unfilled placeholder '{Placeholder().Match(line.Text).Value}'");

        if (Get("SYNOPSIS") is { } synopsis)
        {
            doc.Synopsis.AddRange(MarkdownText.Paras(synopsis.Body));
            if (doc.Synopsis.Count == 0) diag.Error(file, synopsis.Line, "the SYNOPSIS section is empty");
        }
        if (Get("DESCRIPTION") is { } description)
        {
            doc.Description.AddRange(MarkdownText.Paras(description.Body));
            if (doc.Description.Count == 0) diag.Error(file, description.Line, "the DESCRIPTION section is empty");
        }
        if (Get("SYNTAX") is { } syntax) ReadSyntax(syntax, doc, diag);
        if (Get("EXAMPLES") is { } examples) ReadExamples(examples, doc, diag);
        if (Get("PARAMETERS") is { } parameters) ReadParameters(parameters, doc, diag);
        if (Get("INPUTS") is { } inputs) ReadTypes(inputs, doc.Inputs, doc, diag);
        if (Get("OUTPUTS") is { } outputs) ReadTypes(outputs, doc.Outputs, doc, diag);
        if (Get("NOTES") is { } notes) doc.Notes.AddRange(MarkdownText.Paras(notes.Body));
        if (Get("RELATED LINKS") is { } links) ReadLinks(links, doc, diag);

        if (seen.ContainsKey("SYNTAX") && seen.ContainsKey("PARAMETERS")) CrossCheck(doc, diag);
        return diag.ErrorCount == errorsBefore ? doc : null;
    }

    /// <summary>Reads the "---" block; returns the index of the first line after it (0 when there is none), or -1.</summary>
    private static int ReadFrontMatter(List<Line> lines, CommandDoc doc, Diagnostics diag)
    {
        if (lines.Count == 0 || lines[0].Text.Trim() != "---") return 0;
        for (var i = 1; i < lines.Count; i++)
        {
            var t = lines[i].Text;
            if (t.Trim() == "---") return i + 1;
            if (string.IsNullOrWhiteSpace(t) || t.TrimStart().StartsWith('#')) continue;
            var colon = t.IndexOf(':');
            if (colon <= 0)
            {
                if (t.StartsWith(' ') || t.TrimStart().StartsWith('-')) continue; // a yaml list or continuation (e.g. Microsoft.PowerShell.PlatyPS 'aliases:')
                diag.Error(doc.File, lines[i].No, $"front matter line is not 'key: value': '{t.Trim()}'");
                continue;
            }
            doc.FrontMatter[t[..colon].Trim()] = Unquote(t[(colon + 1)..].Trim());
            doc.FrontMatterLines[t[..colon].Trim()] = lines[i].No;
        }
        diag.Error(doc.File, 1, "the front matter that starts with '---' on line 1 is not closed by a '---' line");
        return -1;
    }

    /// <summary>Splits the body into "## " sections (headings inside code fences do not count) and reads the "# " title.</summary>
    private static List<Section> SplitSections(List<Line> lines, int start, CommandDoc doc, Diagnostics diag)
    {
        var sections = new List<Section>();
        Section? current = null;
        string? fence = null;
        var fenceLine = 0;
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            if (fence is not null)
            {
                if (MarkdownText.IsFenceClose(line.Text, fence)) fence = null;
                current?.Body.Add(line);
                continue;
            }
            if (MarkdownText.IsFenceOpen(line.Text, out var f, out _))
            {
                fence = f;
                fenceLine = line.No;
            }
            var h = fence is null ? Heading().Match(line.Text) : Match.Empty;
            if (h.Success && h.Groups["level"].Length == 1)
            {
                if (doc.Name.Length > 0)
                    diag.Error(doc.File, line.No, $"a second '# ' title heading (the first is '# {doc.Name}' on line {doc.NameLine})");
                else if (current is not null)
                    diag.Error(doc.File, line.No, "the '# Verb-Noun' title must come before the '## ' sections");
                else
                {
                    doc.Name = h.Groups["text"].Value;
                    doc.NameLine = line.No;
                }
                continue;
            }
            if (h.Success && h.Groups["level"].Length == 2)
            {
                current = new Section(h.Groups["text"].Value.Trim(), line.No, new List<Line>());
                sections.Add(current);
                continue;
            }
            if (current is not null) current.Body.Add(line);
            else if (!line.IsBlank && !line.Text.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
                diag.Error(doc.File, line.No, doc.Name.Length == 0
                    ? "text before the '# Verb-Noun' title heading"
                    : "text between the title and the first '## ' section");
        }
        if (fence is not null) diag.Error(doc.File, fenceLine, $"code fence {fence} is never closed");
        return sections;
    }

    /// <summary>Splits a section into "### " subsections (fence-aware). Text before the first one is returned as the preamble.</summary>
    private static List<Subsection> Subsections(List<Line> body, out List<Line> preamble)
    {
        preamble = new List<Line>();
        var subs = new List<Subsection>();
        string? fence = null;
        foreach (var line in body)
        {
            if (fence is null)
            {
                var h = Heading().Match(line.Text);
                if (h.Success && h.Groups["level"].Length == 3)
                {
                    subs.Add(new Subsection(h.Groups["text"].Value.Trim(), line.No, new List<Line>()));
                    continue;
                }
                if (MarkdownText.IsFenceOpen(line.Text, out var f, out _)) fence = f;
            }
            else if (MarkdownText.IsFenceClose(line.Text, fence)) fence = null;
            (subs.Count > 0 ? subs[^1].Body : preamble).Add(line);
        }
        return subs;
    }

    private static void ReportPreamble(List<Line> preamble, Section section, CommandDoc doc, Diagnostics diag, string expected)
    {
        var stray = preamble.FirstOrDefault(l => !l.IsBlank && !l.Text.TrimStart().StartsWith("<!--", StringComparison.Ordinal));
        if (stray.No != 0) diag.Error(doc.File, stray.No, $"text directly under '## {section.Title}'; put it under a '### {expected}' heading");
    }

    private static void ReadSyntax(Section section, CommandDoc doc, Diagnostics diag)
    {
        var subs = Subsections(section.Body, out var preamble);
        ReportPreamble(preamble, section, doc, diag, "ParameterSetName");
        if (subs.Count == 0)
        {
            diag.Error(doc.File, section.Line, "SYNTAX has no '### ParameterSetName' subsection with a code block");
            return;
        }
        foreach (var sub in subs)
        {
            var isDefault = sub.Title.Contains("(Default)", StringComparison.OrdinalIgnoreCase);
            var name = Regex.Replace(sub.Title, @"\(Default\)", "", RegexOptions.IgnoreCase).Trim();
            if (name.Length == 0) { diag.Error(doc.File, sub.Line, "parameter set heading without a name"); continue; }
            if (doc.Syntax.Any(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                diag.Error(doc.File, sub.Line, $"parameter set '{name}' is listed twice under SYNTAX");
                continue;
            }
            var fences = MarkdownText.Blocks(sub.Body).Where(b => b.Kind == BlockKind.Fence).ToList();
            if (fences.Count != 1)
            {
                diag.Error(doc.File, sub.Line, $"parameter set '{name}' needs exactly one code block with the syntax line (found {fences.Count})");
                continue;
            }
            var code = string.Join(" ", fences[0].Lines.Select(l => l.Text.Trim())).Trim();
            var command = code.Split(' ', 2)[0];
            if (!command.Equals(doc.Name, StringComparison.OrdinalIgnoreCase))
            {
                diag.Error(doc.File, fences[0].StartLine + 1, $"the syntax of set '{name}' starts with '{command}', not with '{doc.Name}'");
                continue;
            }
            var parameters = SyntaxParameter().Matches(code).Select(m => m.Groups["name"].Value)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            doc.Syntax.Add(new SyntaxSet(name, isDefault, parameters, sub.Line));
        }
        if (doc.Syntax.Count(s => s.IsDefault) > 1)
            diag.Error(doc.File, section.Line, "more than one parameter set is marked (Default)");
    }

    private static void ReadExamples(Section section, CommandDoc doc, Diagnostics diag)
    {
        var subs = Subsections(section.Body, out var preamble);
        ReportPreamble(preamble, section, doc, diag, "Example 1: Title");
        if (subs.Count == 0)
        {
            diag.Error(doc.File, section.Line, "EXAMPLES has no example (expected '### Example 1: Title', a ```powershell code block, then remarks)");
            return;
        }
        foreach (var sub in subs)
        {
            var blocks = MarkdownText.Blocks(sub.Body);
            var code = blocks.FirstOrDefault(b => b.Kind == BlockKind.Fence);
            if (code is null)
            {
                diag.Error(doc.File, sub.Line, $"example '{sub.Title}' has no code block");
                continue;
            }
            var codeText = MarkdownText.Code(code.Lines);
            if (codeText.Length == 0) diag.Error(doc.File, code.StartLine, $"the code block of example '{sub.Title}' is empty");
            // Text before the code, then text and output blocks after it, become the remarks.
            var remarks = MarkdownText.Paras(blocks.Where(b => !ReferenceEquals(b, code)));
            doc.Examples.Add(new ExampleDoc(sub.Title, codeText, remarks, sub.Line));
        }
    }

    private static void ReadParameters(Section section, CommandDoc doc, Diagnostics diag)
    {
        var subs = Subsections(section.Body, out var preamble);
        ReportPreamble(preamble, section, doc, diag, "-ParameterName");
        foreach (var sub in subs)
        {
            if (sub.Title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase) ||
                sub.Title.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                continue;
            var m = ParameterHeading().Match(sub.Title);
            if (!m.Success)
            {
                diag.Error(doc.File, sub.Line, $"parameter heading '### {sub.Title}' must be '### -Name' (or '### CommonParameters')");
                continue;
            }
            var name = m.Groups["name"].Value;
            if (doc.Parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                diag.Error(doc.File, sub.Line, $"parameter -{name} is documented twice");
                continue;
            }
            var blocks = MarkdownText.Blocks(sub.Body);
            var yaml = blocks.Where(b => b.Kind == BlockKind.Fence && b.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase)).ToList();
            if (yaml.Count == 0)
            {
                diag.Error(doc.File, sub.Line, $"parameter -{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)");
                continue;
            }
            var p = new ParameterDoc { Name = name, Line = sub.Line };
            p.Description.AddRange(MarkdownText.Paras(blocks.Where(b => !yaml.Contains(b))));
            if (p.Description.Count == 0) diag.Error(doc.File, sub.Line, $"parameter -{name} has no description");
            for (var i = 0; i < yaml.Count; i++) ParameterYaml.Read(yaml[i], p, i == 0, doc, diag);
            doc.Parameters.Add(p);
        }
    }

    private static void ReadTypes(Section section, List<TypeDoc> into, CommandDoc doc, Diagnostics diag)
    {
        var subs = Subsections(section.Body, out var preamble);
        ReportPreamble(preamble, section, doc, diag, "TypeName' (or '### None')");
        foreach (var sub in subs)
        {
            if (sub.Title.Length == 0) { diag.Error(doc.File, sub.Line, "empty type heading"); continue; }
            into.Add(new TypeDoc(MarkdownText.Inline(sub.Title), MarkdownText.Paras(sub.Body)));
        }
    }

    private static void ReadLinks(Section section, CommandDoc doc, Diagnostics diag)
    {
        foreach (var block in MarkdownText.Blocks(section.Body))
        {
            foreach (var line in block.Lines.Where(l => !l.IsBlank))
            {
                var t = line.Text.Trim();
                if (MarkdownText.IsListItem(t)) t = Regex.Replace(t, @"^([-*+]|\d+[.)])\s+", "");
                var m = LinkLine().Match(t);
                if (m.Success)
                {
                    var uri = m.Groups["uri"].Value;
                    doc.Links.Add(new LinkDoc(m.Groups["text"].Value.Trim(), MarkdownText.IsAbsoluteUri(uri) ? uri : ""));
                }
                else if (MarkdownText.IsAbsoluteUri(t)) doc.Links.Add(new LinkDoc(t, "")); // Get-Help prints "text uri": once is enough
                else if (!t.Contains('[') && !t.Contains('(')) doc.Links.Add(new LinkDoc(t, ""));
                else diag.Error(doc.File, line.No, $"related link is not '[Text](uri)', a bare URL or a plain topic name: '{t}'");
            }
        }
    }

    /// <summary>SYNTAX and PARAMETERS must agree: every parameter in a syntax line is documented, and sits in the sets its yaml names.</summary>
    private static void CrossCheck(CommandDoc doc, Diagnostics diag)
    {
        var setNames = doc.Syntax.Select(s => s.Name).ToList();
        foreach (var set in doc.Syntax)
            foreach (var name in set.Parameters)
            {
                var p = doc.Parameters.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (p is null)
                    diag.Error(doc.File, set.Line, $"the syntax of set '{set.Name}' shows -{name}, but PARAMETERS has no '### -{name}'");
                else if (p.Sets.Count > 0 && p.EntryFor(set.Name) is null)
                    diag.Error(doc.File, p.Line, $"-{p.Name} appears in the syntax of set '{set.Name}' but its yaml 'Parameter Sets' does not list it");
            }
        foreach (var p in doc.Parameters.Where(p => !p.DontShow))
        {
            foreach (var entry in p.Sets)
            {
                foreach (var s in entry.Sets.Where(s => s != ParameterSetEntry.All && s != "__AllParameterSets"))
                {
                    var set = doc.Syntax.FirstOrDefault(x => x.Name.Equals(s, StringComparison.OrdinalIgnoreCase));
                    if (set is null)
                        diag.Error(doc.File, entry.Line, $"-{p.Name} names parameter set '{s}', which is not under SYNTAX (sets: {string.Join(", ", setNames)})");
                    else if (!set.Parameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                        diag.Error(doc.File, entry.Line, $"-{p.Name} is in parameter set '{s}' but the syntax line of that set does not show it");
                }
                if (entry.IsAll)
                    foreach (var set in doc.Syntax.Where(x => !x.Parameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                        diag.Error(doc.File, entry.Line, $"-{p.Name} is in all parameter sets ((All)) but the syntax line of set '{set.Name}' does not show it");
            }
        }
    }

    public static string Unquote(string v) =>
        v.Length >= 2 && ((v[0] == '\'' && v[^1] == '\'') || (v[0] == '"' && v[^1] == '"')) ? v[1..^1] : v;
}

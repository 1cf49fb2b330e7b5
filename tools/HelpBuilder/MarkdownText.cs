using System.Text;
using System.Text.RegularExpressions;

namespace HelpBuilder;

/// <summary>A source line and its 1-based line number.</summary>
internal readonly record struct Line(int No, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

internal enum BlockKind { Paragraph, List, Fence, Verbatim }

/// <summary>A run of markdown lines that becomes one MAML paragraph.</summary>
internal sealed record Block(BlockKind Kind, List<Line> Lines, string Info, int StartLine);

/// <summary>
/// The small part of markdown that help text needs: fenced code, paragraphs, lists and tables. A paragraph's
/// soft line breaks are joined with spaces (Get-Help wraps text itself); lists, tables and code keep their lines.
/// </summary>
internal static partial class MarkdownText
{
    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})\s*(?<info>[^\s`]*)")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"^(?<indent>\s*)(?<marker>[-*+]|\d{1,9}[.)])\s+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?<!!)\[(?<text>[^\]]+)\]\((?<uri>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\*\*(?<text>[^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\\(?<ch>[!-/:-@\[-`{-~])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"^#{4,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex MinorHeading();

    /// <summary>Recognizes an opening code fence; returns the fence string (``` or ~~~, any length) and the info word.</summary>
    public static bool IsFenceOpen(string line, out string fence, out string info)
    {
        var m = FenceOpen().Match(line);
        fence = m.Success ? m.Groups["fence"].Value : "";
        info = m.Success ? m.Groups["info"].Value : "";
        return m.Success;
    }

    public static bool IsFenceClose(string line, string openFence)
    {
        var t = line.Trim();
        return t.Length >= openFence.Length && t.All(c => c == openFence[0]) && line.Length - line.TrimStart().Length <= 3;
    }

    public static bool IsListItem(string line) => ListItem().IsMatch(line);

    /// <summary>Splits lines into blocks. Fences must be closed (the section splitter has already checked that).</summary>
    public static List<Block> Blocks(IReadOnlyList<Line> lines)
    {
        var blocks = new List<Block>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var text = line.Text;
            if (line.IsBlank) { i++; continue; }

            if (text.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            {
                while (i < lines.Count && !lines[i].Text.Contains("-->", StringComparison.Ordinal)) i++;
                i++;
                continue;
            }

            if (IsFenceOpen(text, out var fence, out var info))
            {
                var body = new List<Line>();
                i++;
                while (i < lines.Count && !IsFenceClose(lines[i].Text, fence)) body.Add(lines[i++]);
                i++; // the closing fence
                blocks.Add(new Block(BlockKind.Fence, body, info, line.No));
                continue;
            }

            if (text.TrimStart().StartsWith('|'))
            {
                var body = new List<Line>();
                while (i < lines.Count && lines[i].Text.TrimStart().StartsWith('|')) body.Add(lines[i++]);
                blocks.Add(new Block(BlockKind.Verbatim, body, "", line.No));
                continue;
            }

            if (IsListItem(text))
            {
                var body = new List<Line>();
                while (i < lines.Count && !lines[i].IsBlank && !IsFenceOpen(lines[i].Text, out _, out _)) body.Add(lines[i++]);
                blocks.Add(new Block(BlockKind.List, body, "", line.No));
                continue;
            }

            var heading = MinorHeading().Match(text);
            if (heading.Success)
            {
                blocks.Add(new Block(BlockKind.Paragraph, [new Line(line.No, heading.Groups["text"].Value)], "", line.No));
                i++;
                continue;
            }

            var para = new List<Line> { line };
            i++;
            while (i < lines.Count)
            {
                var next = lines[i].Text;
                if (lines[i].IsBlank || IsFenceOpen(next, out _, out _) || IsListItem(next) || next.TrimStart().StartsWith('|')
                    || MinorHeading().IsMatch(next) || next.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
                    break;
                para.Add(lines[i++]);
            }
            blocks.Add(new Block(BlockKind.Paragraph, para, "", line.No));
        }
        return blocks;
    }

    /// <summary>The MAML paragraph text of each block.</summary>
    public static List<string> Paras(IEnumerable<Block> blocks) => blocks.Select(ParaText).Where(p => p.Length > 0).ToList();

    public static List<string> Paras(IReadOnlyList<Line> lines) => Paras(Blocks(lines));

    public static string ParaText(Block block) => block.Kind switch
    {
        BlockKind.Fence or BlockKind.Verbatim => Code(block.Lines),
        BlockKind.List => ListText(block.Lines),
        _ => ParagraphText(block.Lines),
    };

    /// <summary>Code keeps its lines and indentation (minus the indentation common to all lines).</summary>
    public static string Code(IReadOnlyList<Line> lines)
    {
        var texts = lines.Select(l => l.Text.Replace("\t", "    ").TrimEnd()).ToList();
        while (texts.Count > 0 && texts[0].Length == 0) texts.RemoveAt(0);
        while (texts.Count > 0 && texts[^1].Length == 0) texts.RemoveAt(texts.Count - 1);
        var indent = texts.Where(t => t.Length > 0).Select(t => t.Length - t.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", texts.Select(t => t.Length >= indent ? t[indent..] : t));
    }

    private static string ParagraphText(IReadOnlyList<Line> lines)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var raw = lines[i].Text;
            var t = raw.Trim();
            if (t.StartsWith('>')) t = t[1..].Trim(); // block quote
            var hardBreak = raw.EndsWith("  ", StringComparison.Ordinal) || t.EndsWith('\\');
            if (t.EndsWith('\\')) t = t[..^1].TrimEnd();
            sb.Append(Inline(t));
            if (i < lines.Count - 1) sb.Append(hardBreak ? '\n' : ' ');
        }
        return sb.ToString().Trim();
    }

    private static string ListText(IReadOnlyList<Line> lines)
    {
        var items = new List<string>();
        foreach (var line in lines)
        {
            var m = ListItem().Match(line.Text);
            if (m.Success)
                items.Add($"{m.Groups["indent"].Value}{m.Groups["marker"].Value} {Inline(m.Groups["text"].Value.Trim())}");
            else if (items.Count > 0)
                items[^1] += " " + Inline(line.Text.Trim()); // a wrapped item
            else
                items.Add(Inline(line.Text.Trim()));
        }
        return string.Join("\n", items).Trim();
    }

    /// <summary>Inline markdown for a console: links become "text (uri)" (or "text" for relative links), **bold** loses its stars, backslash escapes are removed. Code spans are left alone.</summary>
    public static string Inline(string text)
    {
        if (text.Length == 0) return text;
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i += 2) // even parts are outside `code spans`
        {
            var p = InlineLink().Replace(parts[i], m => IsAbsoluteUri(m.Groups["uri"].Value)
                ? $"{m.Groups["text"].Value} ({m.Groups["uri"].Value})"
                : m.Groups["text"].Value);
            p = Bold().Replace(p, m => m.Groups["text"].Value);
            parts[i] = Escape().Replace(p, m => m.Groups["ch"].Value);
        }
        return string.Join('`', parts);
    }

    public static bool IsAbsoluteUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
}

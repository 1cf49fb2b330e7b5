using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace HelpBuilder;

/// <summary>
/// Writes cmdlet help as MAML, the XML that Get-Help reads from &lt;module base&gt;/&lt;culture&gt;/&lt;assembly file name&gt;-Help.xml.
/// The shape follows what platyPS' New-ExternalHelp produces (and what the PowerShell engine's MAML reader expects).
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Build(IEnumerable<CommandDoc> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(CommandElement)));

    /// <summary>Writes UTF-8 without BOM and with \n line ends, so the output is the same on every OS.</summary>
    public static void Save(XDocument doc, string path)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var temp = path + ".tmp";
        using (var writer = XmlWriter.Create(temp, settings)) doc.Save(writer);
        File.Move(temp, path, overwrite: true);
    }

    private static XElement CommandElement(CommandDoc c)
    {
        var dash = c.Name.IndexOf('-');
        var visible = c.Parameters.Where(p => !p.DontShow).ToList();
        var links = new List<LinkDoc>();
        if (c.OnlineVersion is { } online && MarkdownText.IsAbsoluteUri(online)) links.Add(new LinkDoc("Online Version:", online));
        links.AddRange(c.Links);

        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", c.Name),
                new XElement(Command + "verb", dash > 0 ? c.Name[..dash] : c.Name),
                new XElement(Command + "noun", dash > 0 ? c.Name[(dash + 1)..] : ""),
                Description(c.Synopsis)),
            Description(c.Description),
            new XElement(Command + "syntax", c.Syntax.Select(set =>
                new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", c.Name),
                    set.Parameters
                        .Select(n => visible.FirstOrDefault(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
                        .OfType<ParameterDoc>()
                        .Select(p => ParameterElement(p, p.EntryFor(set.Name) ?? p.Sets[0], inSyntax: true))))),
            new XElement(Command + "parameters", visible.Select(p => ParameterElement(p, Merged(p), inSyntax: false))),
            c.Inputs.Count == 0 ? null : new XElement(Command + "inputTypes", c.Inputs.Select(t => TypeValue("inputType", t))),
            c.Outputs.Count == 0 ? null : new XElement(Command + "returnValues", c.Outputs.Select(t => TypeValue("returnValue", t))),
            c.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(c.Notes))),
            new XElement(Command + "examples", c.Examples.Select((e, i) =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"--------- {e.Title} ---------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks),
                        // An empty last paragraph makes Get-Help print a blank line before the next example's title.
                        i < c.Examples.Count - 1 && e.Remarks.Count > 0 ? new XElement(Maml + "para") : null)))),
            links.Count == 0 ? null : new XElement(Command + "relatedLinks", links.Select(l =>
                new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri)))));
    }

    /// <summary>The attributes shown under PARAMETERS: required in any set, the first set's position, any pipeline input.</summary>
    private static ParameterSetEntry Merged(ParameterDoc p) => new(
        p.Sets.SelectMany(s => s.Sets).ToList(),
        p.Sets.Any(s => s.Required),
        p.Sets[0].Position,
        p.Sets.Select(s => s.PipelineInput).FirstOrDefault(v => v != "False") ?? "False",
        p.Line);

    private static XElement ParameterElement(ParameterDoc p, ParameterSetEntry entry, bool inSyntax) =>
        new(Command + "parameter",
            new XAttribute("required", entry.Required ? "true" : "false"),
            new XAttribute("variableLength", p.IsArray ? "true" : "false"),
            new XAttribute("globbing", p.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", entry.PipelineInput),
            new XAttribute("position", entry.Position),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(p.Description),
            p.AcceptedValues.Count == 0 ? null : new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))),
            // A switch has no value in a syntax line; under PARAMETERS it shows as "-Force [<SwitchParameter>]" like the engine's own help.
            p.IsSwitch && inSyntax ? null : new XElement(Command + "parameterValue",
                new XAttribute("required", p.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", "false"),
                p.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", p.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", p.DefaultValue));

    private static XElement TypeValue(string element, TypeDoc t) =>
        new(Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", t.TypeName)),
            Description(t.Description));

    private static XElement Description(IReadOnlyList<string> paras) => new(Maml + "description", Paras(paras));

    private static IEnumerable<XElement> Paras(IReadOnlyList<string> paras) =>
        paras.Count == 0 ? [new XElement(Maml + "para")] : paras.Select(p => new XElement(Maml + "para", p));
}

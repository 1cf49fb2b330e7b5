using System.Xml.Linq;

namespace HelpBuilder;

/// <summary>Writes cmdlet help as MAML, the XML that Get-Help reads from en-US/&lt;module dll&gt;-Help.xml.</summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp c)
    {
        var dash = c.Name.IndexOf('-');
        var sets = c.ParameterSets.Count > 0 ? c.ParameterSets : new List<string> { "(All)" };
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", c.Name),
                new XElement(Command + "verb", dash > 0 ? c.Name[..dash] : c.Name),
                new XElement(Command + "noun", dash > 0 ? c.Name[(dash + 1)..] : ""),
                Description(c.Synopsis)),
            Description(c.Description),
            new XElement(Command + "syntax", sets.Select(set =>
                new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", c.Name),
                    c.Parameters.Where(p => set == "(All)" || p.InSet(set)).Select(ParameterElement)))),
            new XElement(Command + "parameters", c.Parameters.Select(ParameterElement)),
            new XElement(Command + "inputTypes", c.Inputs.Select(t =>
                new XElement(Command + "inputType", TypeElement(t.Type), Description(t.Description)))),
            new XElement(Command + "returnValues", c.Outputs.Select(t =>
                new XElement(Command + "returnValue", TypeElement(t.Type), Description(t.Description)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(c.Notes))),
            new XElement(Command + "examples", c.Examples.Select(e =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
            new XElement(Maml + "relatedLinks", c.RelatedLinks.Select(l =>
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l), new XElement(Maml + "uri")))));
    }

    private static XElement ParameterElement(ParameterHelp p) =>
        new(Command + "parameter",
            new XAttribute("required", p.Required ? "true" : "false"),
            new XAttribute("variableLength", p.Type.EndsWith("[]") ? "true" : "false"),
            new XAttribute("globbing", p.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", p.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : p.Position),
            new XAttribute("aliases", p.Aliases),
            new XElement(Maml + "name", p.Name),
            Description(p.Description),
            p.Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase) ? null
                : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.Type),
            TypeElement(p.Type),
            new XElement(Dev + "defaultValue", p.DefaultValue));

    private static XElement TypeElement(string type) => new(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri"));

    private static XElement Description(string text) => new(Maml + "description", Paras(text));

    private static IEnumerable<XElement> Paras(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new XElement(Maml + "para", p.Replace('\n', ' ')));
}

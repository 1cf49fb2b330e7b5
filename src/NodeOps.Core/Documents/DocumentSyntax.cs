using System.Management.Automation;
using NodeOps.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeOps.Core.Documents;

public enum DocumentFormat { Yaml, Json }

/// <summary>Reads document text (YAML, or JSON, which YAML's parser also reads) into a <see cref="DocNode"/> tree.</summary>
public static class DocumentSyntax
{
    public static DocumentFormat DetectFormat(string text) =>
        text.TrimStart().StartsWith('{') ? DocumentFormat.Json : DocumentFormat.Yaml;

    public static DocNode Parse(string text, string source)
    {
        // Raw tabs cannot occur inside JSON strings, and YAML's scanner rejects them as indentation, so in
        // JSON they become spaces (columns stay the same).
        if (DetectFormat(text) == DocumentFormat.Json) text = text.Replace('\t', ' ');
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var mark = new DocMark((int)ex.Start.Line, (int)ex.Start.Column);
            throw DocumentProblems.Single(source, mark, "not valid YAML or JSON: " + Inner(ex));
        }
        if (stream.Documents.Count == 0) throw DocumentProblems.Single(source, new DocMark(1, 1), "the document is empty.");
        if (stream.Documents.Count > 1) throw DocumentProblems.Single(source, Mark(stream.Documents[1].RootNode), "the text holds more than one YAML document.");
        return Convert(stream.Documents[0].RootNode);
    }

    private static string Inner(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        // YamlDotNet repeats the position in its message: "(Line: 3, Col: 5, Idx: 20) - (...): text".
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static DocMark Mark(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    private static DocNode Convert(YamlNode node) => node switch
    {
        YamlScalarNode s => new DocScalar
        {
            Value = s.Value ?? "",
            Quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded,
            Mark = Mark(s),
        },
        YamlSequenceNode q => new DocList { Items = q.Children.Select(Convert).ToList(), Mark = Mark(q) },
        YamlMappingNode m => new DocMap
        {
            Entries = m.Children.Select(e => new KeyValuePair<DocScalar, DocNode>(
                e.Key as YamlScalarNode is { } k ? (DocScalar)Convert(k) : new DocScalar { Value = e.Key.ToString(), Mark = Mark(e.Key) },
                Convert(e.Value))).ToList(),
            Mark = Mark(m),
        },
        _ => new DocScalar { Value = node.ToString(), Mark = Mark(node) },
    };
}

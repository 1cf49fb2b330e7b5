using System.Text.RegularExpressions;

namespace HelpBuilder;

/// <summary>
/// Reads the ```yaml block of a "### -Name" parameter. Two shapes are accepted:
/// platyPS (schema 2.0.0): "Type:", "Parameter Sets:", "Aliases:", "Required:", "Position:", "Default value:",
/// "Accept pipeline input:", "Accept wildcard characters:" (and optionally "Accepted values:", "Applicable:");
/// Microsoft.PowerShell.PlatyPS: "Type:", "DefaultValue:", "SupportsWildcards:", "Aliases:", "ParameterSets:" (a list of
/// Name/Position/IsRequired/ValueFromPipeline/ValueFromPipelineByPropertyName), "DontShow:", "AcceptedValues:", "HelpMessage:".
/// </summary>
internal static partial class ParameterYaml
{
    private static readonly string[] V1Keys =
        ["Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input",
         "Accept wildcard characters", "Accepted values", "Applicable"];

    private static readonly string[] V2Keys =
        ["Type", "DefaultValue", "SupportsWildcards", "Aliases", "ParameterSets", "DontShow", "AcceptedValues", "HelpMessage"];

    private static readonly string[] V2SetKeys =
        ["Name", "Position", "IsRequired", "ValueFromPipeline", "ValueFromPipelineByPropertyName", "ValueFromRemainingArguments"];

    [GeneratedRegex(@"^(?:false|true(?:\s*\(\s*(?<kinds>[A-Za-z]+(?:\s*,\s*[A-Za-z]+)?)\s*\))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineInput();

    public static void Read(Block yaml, ParameterDoc p, bool first, CommandDoc doc, Diagnostics diag)
    {
        var isV2 = yaml.Lines.Any(l => Regex.IsMatch(l.Text, @"^ParameterSets\s*:"));
        if (isV2) ReadV2(yaml, p, doc, diag);
        else ReadV1(yaml, p, first, doc, diag);
    }

    private static void ReadV1(Block yaml, ParameterDoc p, bool first, CommandDoc doc, Diagnostics diag)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in yaml.Lines.Where(l => !l.IsBlank && !l.Text.TrimStart().StartsWith('#')))
        {
            var colon = line.Text.IndexOf(':');
            if (colon <= 0) { diag.Error(doc.File, line.No, $"-{p.Name}: yaml line is not 'Key: value': '{line.Text.Trim()}'"); continue; }
            var key = line.Text[..colon].Trim();
            var value = MarkdownReader.Unquote(line.Text[(colon + 1)..].Trim());
            if (!V1Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                diag.Error(doc.File, line.No, $"-{p.Name}: unknown yaml key '{key}' (known: {string.Join(", ", V1Keys)})");
                continue;
            }
            if (!values.TryAdd(key, (value, line.No))) diag.Error(doc.File, line.No, $"-{p.Name}: yaml key '{key}' appears twice");
        }

        string? Get(string key) => values.TryGetValue(key, out var v) ? v.Value : null;
        int LineOf(string key) => values.TryGetValue(key, out var v) ? v.Line : yaml.StartLine;
        string Need(string key)
        {
            var v = Get(key);
            if (string.IsNullOrWhiteSpace(v)) diag.Error(doc.File, values.ContainsKey(key) ? LineOf(key) : yaml.StartLine, $"-{p.Name}: yaml key '{key}' is missing or empty");
            return v ?? "";
        }

        if (first)
        {
            p.Type = Need("Type");
            p.Aliases.AddRange(List(Get("Aliases")));
            p.DefaultValue = string.IsNullOrWhiteSpace(Get("Default value")) ? "None" : Get("Default value")!;
            p.Globbing = Bool(Get("Accept wildcard characters") ?? "False", "Accept wildcard characters", LineOf("Accept wildcard characters"), p, doc, diag);
            p.AcceptedValues.AddRange(List(Get("Accepted values")));
        }
        else if (Get("Type") is { } t && !t.Equals(p.Type, StringComparison.OrdinalIgnoreCase))
            diag.Error(doc.File, LineOf("Type"), $"-{p.Name}: this yaml block says Type '{t}' but the first one says '{p.Type}'");

        var sets = List(Need("Parameter Sets"));
        var required = Bool(Need("Required"), "Required", LineOf("Required"), p, doc, diag);
        var position = Position(Need("Position"), LineOf("Position"), p, doc, diag);
        var pipeline = Pipeline(Get("Accept pipeline input") ?? "False", LineOf("Accept pipeline input"), p, doc, diag);
        p.Sets.Add(new ParameterSetEntry(sets, required, position, pipeline, yaml.StartLine + 1));
    }

    private static void ReadV2(Block yaml, ParameterDoc p, CommandDoc doc, Diagnostics diag)
    {
        var top = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lists = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var sets = new List<Dictionary<string, (string Value, int Line)>>();
        string? currentKey = null;
        foreach (var line in yaml.Lines.Where(l => !l.IsBlank && !l.Text.TrimStart().StartsWith('#')))
        {
            var text = line.Text;
            var indent = text.Length - text.TrimStart().Length;
            var trimmed = text.Trim();
            if (indent == 0 && !trimmed.StartsWith('-'))
            {
                var colon = trimmed.IndexOf(':');
                if (colon <= 0) { diag.Error(doc.File, line.No, $"-{p.Name}: yaml line is not 'Key: value': '{trimmed}'"); continue; }
                currentKey = trimmed[..colon].Trim();
                if (!V2Keys.Contains(currentKey, StringComparer.OrdinalIgnoreCase))
                    diag.Error(doc.File, line.No, $"-{p.Name}: unknown yaml key '{currentKey}' (known: {string.Join(", ", V2Keys)})");
                else if (!top.TryAdd(currentKey, (MarkdownReader.Unquote(trimmed[(colon + 1)..].Trim()), line.No)))
                    diag.Error(doc.File, line.No, $"-{p.Name}: yaml key '{currentKey}' appears twice");
                continue;
            }
            if (currentKey is null) { diag.Error(doc.File, line.No, $"-{p.Name}: unexpected yaml line '{trimmed}'"); continue; }
            if (currentKey.Equals("ParameterSets", StringComparison.OrdinalIgnoreCase))
            {
                if (trimmed.StartsWith('-'))
                {
                    sets.Add(new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase));
                    trimmed = trimmed[1..].Trim();
                    if (trimmed.Length == 0) continue;
                }
                if (sets.Count == 0) { diag.Error(doc.File, line.No, $"-{p.Name}: ParameterSets entries must start with '- Name:'"); continue; }
                var colon = trimmed.IndexOf(':');
                var key = colon > 0 ? trimmed[..colon].Trim() : "";
                if (!V2SetKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    diag.Error(doc.File, line.No, $"-{p.Name}: unknown ParameterSets key '{key}' (known: {string.Join(", ", V2SetKeys)})");
                    continue;
                }
                sets[^1][key] = (MarkdownReader.Unquote(trimmed[(colon + 1)..].Trim()), line.No);
                continue;
            }
            if (trimmed.StartsWith('-'))
            {
                if (!lists.TryGetValue(currentKey, out var items)) lists[currentKey] = items = new List<string>();
                items.Add(MarkdownReader.Unquote(trimmed[1..].Trim()));
                continue;
            }
            diag.Error(doc.File, line.No, $"-{p.Name}: unexpected yaml line '{trimmed}'");
        }

        string? Get(string key) => top.TryGetValue(key, out var v) ? v.Value : null;
        int LineOf(string key) => top.TryGetValue(key, out var v) ? v.Line : yaml.StartLine;
        List<string> ListOf(string key) => lists.TryGetValue(key, out var l) ? l : List(Get(key));

        p.Type = Get("Type") ?? "";
        if (p.Type.Length == 0) diag.Error(doc.File, LineOf("Type"), $"-{p.Name}: yaml key 'Type' is missing or empty");
        p.DefaultValue = string.IsNullOrWhiteSpace(Get("DefaultValue")) ? "None" : Get("DefaultValue")!;
        p.Globbing = Bool(Get("SupportsWildcards") ?? "false", "SupportsWildcards", LineOf("SupportsWildcards"), p, doc, diag);
        p.DontShow = Bool(Get("DontShow") ?? "false", "DontShow", LineOf("DontShow"), p, doc, diag);
        p.Aliases.AddRange(ListOf("Aliases"));
        p.AcceptedValues.AddRange(ListOf("AcceptedValues"));
        if (sets.Count == 0) diag.Error(doc.File, LineOf("ParameterSets"), $"-{p.Name}: ParameterSets has no entry");
        foreach (var s in sets)
        {
            string? S(string key) => s.TryGetValue(key, out var v) ? v.Value : null;
            int L(string key) => s.TryGetValue(key, out var v) ? v.Line : LineOf("ParameterSets");
            var name = S("Name");
            if (string.IsNullOrWhiteSpace(name)) { diag.Error(doc.File, L("Name"), $"-{p.Name}: a ParameterSets entry has no Name"); continue; }
            var byValue = Bool(S("ValueFromPipeline") ?? "false", "ValueFromPipeline", L("ValueFromPipeline"), p, doc, diag);
            var byName = Bool(S("ValueFromPipelineByPropertyName") ?? "false", "ValueFromPipelineByPropertyName", L("ValueFromPipelineByPropertyName"), p, doc, diag);
            var pipeline = (byValue, byName) switch
            {
                (true, true) => "True (ByPropertyName, ByValue)",
                (true, false) => "True (ByValue)",
                (false, true) => "True (ByPropertyName)",
                _ => "False",
            };
            p.Sets.Add(new ParameterSetEntry([name], Bool(S("IsRequired") ?? "false", "IsRequired", L("IsRequired"), p, doc, diag),
                Position(S("Position") ?? "Named", L("Position"), p, doc, diag), pipeline, L("Name")));
        }
    }

    private static List<string> List(string? value)
    {
        var v = (value ?? "").Trim();
        if (v.StartsWith('[') && v.EndsWith(']')) v = v[1..^1];
        return v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(MarkdownReader.Unquote)
            .Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    private static bool Bool(string value, string key, int line, ParameterDoc p, CommandDoc doc, Diagnostics diag)
    {
        if (bool.TryParse(value.Trim(), out var b)) return b;
        if (value.Length > 0) diag.Error(doc.File, line, $"-{p.Name}: '{key}' must be True or False, not '{value}'");
        return false;
    }

    private static string Position(string value, int line, ParameterDoc p, CommandDoc doc, Diagnostics diag)
    {
        var v = value.Trim();
        if (v.Equals("Named", StringComparison.OrdinalIgnoreCase)) return "named";
        if (int.TryParse(v, out var n) && n >= 0) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (v.Length > 0) diag.Error(doc.File, line, $"-{p.Name}: 'Position' must be Named or a number from 0, not '{value}'");
        return "named";
    }

    private static string Pipeline(string value, int line, ParameterDoc p, CommandDoc doc, Diagnostics diag)
    {
        var m = PipelineInput().Match(value.Trim());
        if (!m.Success)
        {
            diag.Error(doc.File, line, $"-{p.Name}: 'Accept pipeline input' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '{value}'");
            return "False";
        }
        if (value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)) return "False";
        if (!m.Groups["kinds"].Success) return "True";
        var kinds = m.Groups["kinds"].Value.Split(',', StringSplitOptions.TrimEntries).ToList();
        var normalized = new List<string>();
        foreach (var k in kinds)
        {
            if (k.Equals("ByValue", StringComparison.OrdinalIgnoreCase)) normalized.Add("ByValue");
            else if (k.Equals("ByPropertyName", StringComparison.OrdinalIgnoreCase)) normalized.Add("ByPropertyName");
            else diag.Error(doc.File, line, $"-{p.Name}: unknown pipeline input kind '{k}' (ByValue or ByPropertyName)");
        }
        return $"True ({string.Join(", ", normalized)})";
    }
}

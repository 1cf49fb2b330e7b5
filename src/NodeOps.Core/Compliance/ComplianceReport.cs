using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

public enum JUnitGrouping { Node, Type }

/// <summary>
/// Compliance as a self-contained HTML page (summary counts, non-compliant nodes first, every node's items; all
/// text HTML-encoded, no outside resources) or as JUnit XML (one testsuite per node or per type, one testcase per
/// item, a failure for each NonCompliant item; a node that never reported is an error), for CI systems.
/// </summary>
public static class ComplianceReport
{
    public static string Html(IReadOnlyList<ComplianceItem> items, IReadOnlyList<ManagedNode> nodes, DateTime generatedAt, string title)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var perNode = ComplianceSummarizer.PerNode(items, nodes);
        var byType = ComplianceSummarizer.ByType(items);
        var byNode = items.GroupBy(i => i.NodeId).ToDictionary(g => g.Key, g => g.ToList());
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
         .Append("th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}")
         .Append(".NonCompliant{color:#a00;font-weight:bold}.Compliant{color:#070}.NotReported{color:#a60}")
         .Append(".counts span{display:inline-block;margin-right:1.5em;font-size:1.1em}dl{margin:0}dt{font-weight:bold;display:inline}dd{display:inline;margin:0 1em 0 .3em}")
         .Append("</style></head><body>\n");
        h.Append("<h1>").Append(E(title)).Append("</h1>\n<p>Generated ").Append(E(generatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append("</p>\n");

        h.Append("<h2>Summary</h2>\n<p class=\"counts\" id=\"summary\">");
        h.Append($"<span>Nodes: {perNode.Count}</span><span class=\"NonCompliant\">Non-compliant nodes: {perNode.Count(n => n.Status == NodeComplianceStatus.NonCompliant)}</span>");
        h.Append($"<span class=\"Compliant\">Compliant nodes: {perNode.Count(n => n.Status == NodeComplianceStatus.Compliant)}</span>");
        h.Append($"<span class=\"NotReported\">Not reported: {perNode.Count(n => n.Status == NodeComplianceStatus.NotReported)}</span>");
        h.Append($"<span>Non-compliant items: {items.Count(i => !i.IsCompliant)}</span><span>Compliant items: {items.Count(i => i.IsCompliant)}</span></p>\n");

        h.Append("<table id=\"by-type\"><thead><tr><th>Type</th><th>Non-compliant</th><th>Compliant</th><th>Critical</th><th>High</th><th>Medium</th><th>Low</th><th>Informational</th><th>Unspecified</th><th>Non-compliant nodes</th></tr></thead><tbody>\n");
        foreach (var t in byType)
            h.Append($"<tr><td>{E(t.Type)}</td><td>{t.NonCompliantCount}</td><td>{t.CompliantCount}</td><td>{t.CriticalCount}</td><td>{t.HighCount}</td><td>{t.MediumCount}</td><td>{t.LowCount}</td><td>{t.InformationalCount}</td><td>{t.UnspecifiedCount}</td><td>{t.NonCompliantNodeCount}</td></tr>\n");
        h.Append("</tbody></table>\n");

        h.Append("<h2>Nodes</h2>\n<table id=\"nodes\"><thead><tr><th>Node</th><th>Status</th><th>Non-compliant</th><th>Highest severity</th><th>Compliant</th><th>Last reported</th></tr></thead><tbody>\n");
        foreach (var n in perNode)
            h.Append($"<tr><td><a href=\"#node-{E(n.NodeId)}\">{E(n.NodeName)}</a></td><td class=\"{n.Status}\">{n.Status}</td><td>{n.NonCompliantCount}</td><td>{(n.HighestSeverity is { } s ? s.ToString().ToUpperInvariant() : "")}</td><td>{n.CompliantCount}</td><td>{E(n.LastExecutedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td></tr>\n");
        h.Append("</tbody></table>\n");

        foreach (var n in perNode)
        {
            h.Append($"<section id=\"node-{E(n.NodeId)}\"><h3>{E(n.NodeName)} ({E(n.NodeId)}): <span class=\"{n.Status}\">{n.Status}</span></h3>\n");
            if (!byNode.TryGetValue(n.NodeId, out var mine))
            {
                h.Append("<p>No compliance items reported.</p></section>\n");
                continue;
            }
            h.Append("<table><thead><tr><th>Status</th><th>Severity</th><th>Type</th><th>Id</th><th>Title</th><th>Details</th><th>Execution</th></tr></thead><tbody>\n");
            foreach (var i in mine.OrderBy(i => i.IsCompliant).ThenBy(i => i.Severity).ThenBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal))
            {
                h.Append($"<tr><td class=\"{i.Status}\">{i.Status}</td><td>{i.Severity.ToString().ToUpperInvariant()}</td><td>{E(i.Type)}</td><td>{E(i.Id)}</td><td>{E(i.Title)}</td><td><dl>");
                foreach (var (k, v) in i.Details.OrderBy(d => d.Key, StringComparer.Ordinal)) h.Append($"<dt>{E(k)}</dt><dd>{E(v)}</dd>");
                h.Append($"</dl></td><td>{E(i.ExecutionId)}<br>{E(i.ExecutedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td></tr>\n");
            }
            h.Append("</tbody></table></section>\n");
        }
        h.Append("</body></html>\n");
        return h.ToString();
    }

    public static string JUnit(IReadOnlyList<ComplianceItem> items, IReadOnlyList<ManagedNode> nodes, JUnitGrouping grouping, DateTime generatedAt)
    {
        var perNode = ComplianceSummarizer.PerNode(items, nodes);
        var buffer = new MemoryStream();
        using (var x = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            var notReported = grouping == JUnitGrouping.Node ? perNode.Where(n => n.Status == NodeComplianceStatus.NotReported).ToList() : new List<NodeComplianceSummary>();
            x.WriteStartElement("testsuites");
            x.WriteAttributeString("name", "NodeOps compliance");
            x.WriteAttributeString("tests", (items.Count + notReported.Count).ToString(CultureInfo.InvariantCulture));
            x.WriteAttributeString("failures", items.Count(i => !i.IsCompliant).ToString(CultureInfo.InvariantCulture));
            x.WriteAttributeString("errors", notReported.Count.ToString(CultureInfo.InvariantCulture));
            x.WriteAttributeString("time", "0");
            if (grouping == JUnitGrouping.Node)
            {
                var byNode = items.GroupBy(i => i.NodeId).ToDictionary(g => g.Key, g => g.ToList());
                foreach (var n in perNode)
                {
                    var mine = byNode.TryGetValue(n.NodeId, out var l) ? l : new List<ComplianceItem>();
                    Suite(x, n.NodeName, n.NodeId, n.NodeName, mine, i => i.Type, n.Status == NodeComplianceStatus.NotReported, generatedAt);
                }
            }
            else
            {
                foreach (var g in items.GroupBy(i => i.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                    Suite(x, g.Key, g.Key, null, g.ToList(), i => i.NodeName, false, generatedAt);
            }
            x.WriteEndElement();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Suite(XmlWriter x, string name, string id, string? hostname, List<ComplianceItem> items, Func<ComplianceItem, string> classname, bool notReported, DateTime generatedAt)
    {
        x.WriteStartElement("testsuite");
        x.WriteAttributeString("name", name);
        x.WriteAttributeString("id", id);
        x.WriteAttributeString("tests", (items.Count + (notReported ? 1 : 0)).ToString(CultureInfo.InvariantCulture));
        x.WriteAttributeString("failures", items.Count(i => !i.IsCompliant).ToString(CultureInfo.InvariantCulture));
        x.WriteAttributeString("errors", notReported ? "1" : "0");
        x.WriteAttributeString("skipped", "0");
        x.WriteAttributeString("time", "0");
        var stamp = items.Count > 0 ? items.Max(i => i.ExecutedAt) : generatedAt;
        x.WriteAttributeString("timestamp", stamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        if (hostname is not null) x.WriteAttributeString("hostname", hostname);
        if (notReported)
        {
            x.WriteStartElement("testcase");
            x.WriteAttributeString("name", "compliance reported");
            x.WriteAttributeString("classname", name);
            x.WriteStartElement("error");
            x.WriteAttributeString("message", "The node has reported no compliance items.");
            x.WriteAttributeString("type", "NotReported");
            x.WriteEndElement();
            x.WriteEndElement();
        }
        foreach (var i in items.OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            x.WriteStartElement("testcase");
            x.WriteAttributeString("name", i.Title == i.Id ? i.Id : $"{i.Id}: {i.Title}");
            x.WriteAttributeString("classname", classname(i));
            x.WriteAttributeString("time", "0");
            if (!i.IsCompliant)
            {
                x.WriteStartElement("failure");
                x.WriteAttributeString("message", $"{i.Severity.ToString().ToUpperInvariant()}: {i.Title}");
                x.WriteAttributeString("type", i.Severity.ToString().ToUpperInvariant());
                x.WriteString(string.Join("\n", i.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value}")));
                x.WriteEndElement();
            }
            x.WriteStartElement("system-out");
            x.WriteString($"{i.NodeName} {i.Type} {i.Id} {i.Status} {i.Severity.ToString().ToUpperInvariant()} execution {i.ExecutionId} at {i.ExecutedAt.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
            x.WriteEndElement();
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }
}

using System.Net;
using System.Text;

namespace NodeOps.Core.Patching;

/// <summary>The summary as one self-contained HTML page (no scripts, no external files), every value encoded.</summary>
public static class PatchComplianceReport
{
    public static string Html(PatchComplianceSummary s)
    {
        static string E(object? v) => WebUtility.HtmlEncode(v?.ToString() ?? "");
        var b = new StringBuilder();
        b.AppendLine("<!DOCTYPE html>");
        b.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Patch compliance</title>");
        b.AppendLine("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
            + ".NonCompliant{background:#fde2e2}.Compliant{background:#e2f7e2}.NeverReported{background:#eee}.num{text-align:right}</style></head><body>");
        b.AppendLine($"<h1>Patch compliance</h1><p>Generated {E(s.GeneratedAt.ToString("yyyy-MM-dd HH:mm"))} UTC for {s.TotalNodes} node(s).</p>");
        b.AppendLine("<table><tr><th>Compliant</th><th>Non-compliant</th><th>Critical</th><th>High</th><th>Medium</th><th>Low</th><th>Informational</th><th>Unspecified</th>"
            + $"<th>Never reported</th><th>Reported more than {s.StaleDays} days ago</th></tr>");
        b.AppendLine($"<tr>{string.Concat(new[] { s.Compliant, s.NonCompliant, s.NonCompliantCritical, s.NonCompliantHigh, s.NonCompliantMedium, s.NonCompliantLow, s.NonCompliantInformational, s.NonCompliantUnspecified, s.NeverReported, s.ReportedBeforeStaleDays }.Select(n => $"<td class=\"num\">{n}</td>"))}</tr></table>");
        b.AppendLine("<h2>Nodes</h2><table><tr><th>Node</th><th>Status</th><th>Severity</th><th>Missing</th><th>Failed</th><th>Rejected</th><th>Pending reboot</th><th>Installed</th><th>Last report (UTC)</th><th>Baseline</th></tr>");
        foreach (var n in s.Nodes)
            b.AppendLine($"<tr class=\"{E(n.Status)}\"><td>{E(n.NodeName)}</td><td>{E(n.Status)}</td><td>{E(n.Severity)}</td><td class=\"num\">{n.Missing}</td><td class=\"num\">{n.Failed}</td>"
                + $"<td class=\"num\">{n.InstalledRejected}</td><td class=\"num\">{n.InstalledPendingReboot}</td><td class=\"num\">{n.Installed}</td>"
                + $"<td>{E(n.LastReported?.ToString("yyyy-MM-dd HH:mm"))}{(n.Stale ? " (stale)" : "")}</td><td>{E(n.BaselineId)}</td></tr>");
        b.AppendLine("</table></body></html>");
        return b.ToString();
    }
}

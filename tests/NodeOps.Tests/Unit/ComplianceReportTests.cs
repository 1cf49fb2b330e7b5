using System.Xml;
using System.Xml.Schema;
using NodeOps.Core.Compliance;
using NodeOps.Core.Models;
using Xunit;

namespace NodeOps.Tests.Unit;

public class ComplianceReportTests
{
    private static readonly DateTime At = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private static readonly ManagedNode[] Nodes =
    {
        new() { NodeId = "mi-000000000001", Name = "web01" },
        new() { NodeId = "mi-000000000002", Name = "db01" },
        new() { NodeId = "mi-000000000003", Name = "new01" },
    };

    private static ComplianceItem Item(int node, string type, string id, ComplianceStatus status, ComplianceSeverity severity, string title = "") => new()
    {
        NodeId = Nodes[node].NodeId, NodeName = Nodes[node].Name, Type = type, Id = id, Title = title.Length > 0 ? title : id,
        Status = status, Severity = severity, ExecutionId = "run-1", ExecutedAt = At,
    };

    private static readonly ComplianceItem[] Items =
    {
        Item(0, "Patch", "openssl", ComplianceStatus.Compliant, ComplianceSeverity.Critical),
        Item(1, "Patch", "openssl", ComplianceStatus.NonCompliant, ComplianceSeverity.Critical, "openssl <3.0.8> & \"friends\""),
        Item(1, "Patch", "zlib", ComplianceStatus.NonCompliant, ComplianceSeverity.Low),
        Item(1, "Check:linux", "ssh", ComplianceStatus.NonCompliant, ComplianceSeverity.High),
        Item(0, "Check:linux", "ssh", ComplianceStatus.Compliant, ComplianceSeverity.High),
    };

    [Fact]
    public void Summaries_count_by_type_severity_and_node_with_silent_nodes()
    {
        var patch = ComplianceSummarizer.ByType(Items).Single(t => t.Type == "Patch");
        Assert.Equal((1, 2, 1, 1, 1, 1), (patch.CompliantCount, patch.NonCompliantCount, patch.CriticalCount, patch.LowCount, patch.NonCompliantNodeCount, patch.CompliantNodeCount));
        Assert.Equal(new[] { "mi-000000000002" }, patch.NonCompliantNodeIds);

        var perNode = ComplianceSummarizer.PerNode(Items, Nodes);
        Assert.Equal(new[] { "db01", "new01", "web01" }, perNode.Select(n => n.NodeName));
        Assert.Equal((NodeComplianceStatus.NonCompliant, ComplianceSeverity.Critical, 3), (perNode[0].Status, perNode[0].HighestSeverity!.Value, perNode[0].NonCompliantCount));
        Assert.Equal(NodeComplianceStatus.NotReported, perNode[1].Status);
        Assert.Equal((NodeComplianceStatus.Compliant, (ComplianceSeverity?)null), (perNode[2].Status, perNode[2].HighestSeverity));
        Assert.Equal(new[] { "Check:linux", "Patch" }, perNode[0].NonCompliantTypes);
    }

    [Fact]
    public void The_assertion_message_lists_nodes_and_items_worst_first()
    {
        var failing = Items.Where(i => !i.IsCompliant).ToList();
        var silent = ComplianceSummarizer.PerNode(Items, Nodes).Where(n => n.Status == NodeComplianceStatus.NotReported).ToList();
        var message = ComplianceAssertion.Message(failing, silent, "type Patch");
        var lines = message.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Not compliant (type Patch): 3 non-compliant item(s) on 1 node(s); 1 node(s) with no compliance reported.", lines[0]);
        Assert.Equal("  db01 (mi-000000000002):", lines[1]);
        Assert.Equal("    [CRITICAL] Patch openssl - openssl <3.0.8> & \"friends\"", lines[2]);
        Assert.Equal("    [HIGH] Check:linux ssh", lines[3]);
        Assert.Equal("    [LOW] Patch zlib", lines[4]);
        Assert.Equal("  new01 (mi-000000000003): no compliance reported", lines[5]);
    }

    [Fact]
    public void Html_encodes_everything_and_puts_non_compliant_nodes_first()
    {
        var html = ComplianceReport.Html(Items, Nodes, At, "Report <x>");
        Assert.DoesNotContain("<3.0.8>", html);
        Assert.Contains("openssl &lt;3.0.8&gt; &amp; &quot;friends&quot;", html);
        Assert.Contains("<title>Report &lt;x&gt;</title>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
        Assert.True(html.IndexOf("id=\"node-mi-000000000002\"", StringComparison.Ordinal) < html.IndexOf("id=\"node-mi-000000000001\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(JUnitGrouping.Node, 3, "1")]
    [InlineData(JUnitGrouping.Type, 2, "0")]
    public void JUnit_is_valid_against_the_schema(JUnitGrouping grouping, int suites, string errors)
    {
        var xml = ComplianceReport.JUnit(Items, Nodes, grouping, At);
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, Path.Combine(Infrastructure.TestPaths.Root, "tests", "NodeOps.Tests", "Schemas", "junit-10.xsd"));
        var problems = new List<string>();
        settings.ValidationEventHandler += (_, e) => problems.Add(e.Message);
        var doc = new XmlDocument();
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) doc.Load(reader);
        Assert.Empty(problems);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        Assert.Equal(suites, doc.SelectNodes("/testsuites/testsuite")!.Count);
        Assert.Equal("3", doc.DocumentElement!.GetAttribute("failures"));
        Assert.Equal(errors, doc.DocumentElement!.GetAttribute("errors"));
        Assert.Equal(3, doc.SelectNodes("//testcase/failure")!.Count);
    }
}

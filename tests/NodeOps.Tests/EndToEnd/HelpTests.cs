using System.Management.Automation;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Get-Help in the real engine shows compiled MAML help for every exported cmdlet.</summary>
public class HelpTests
{
    public static IEnumerable<object[]> Cmdlets()
    {
        using var shell = new NodeOpsShell();
        return shell.Run("(Get-Command -Module NodeOps).Name").Select(n => new object[] { n.ToString() }).ToList();
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_synopsis_parameters_and_examples(string cmdlet)
    {
        using var shell = new NodeOpsShell();
        var help = shell.Run("Get-Help $args[0] -Full", cmdlet).Single();
        var synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim() ?? "";
        Assert.False(string.IsNullOrEmpty(synopsis));
        // Without MAML the engine puts the syntax line in Synopsis; real help is a sentence.
        Assert.DoesNotContain("[<CommonParameters>]", synopsis);
        Assert.DoesNotContain(cmdlet + " [", synopsis);

        var examples = AsList(Prop(Prop(help, "examples"), "example"));
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(Prop(e, "code")?.ToString())));

        var parameters = AsList(Prop(Prop(help, "parameters"), "parameter")).Select(p => Prop(p, "name")?.ToString()).ToList();
        var declared = shell.Run("(Get-Command $args[0]).Parameters.Keys", cmdlet).Select(k => k.ToString())
            .Except(System.Management.Automation.Cmdlet.CommonParameters).Except(System.Management.Automation.Cmdlet.OptionalCommonParameters);
        foreach (var p in declared) Assert.Contains(p, parameters);
    }

    [Fact]
    public void Every_about_topic_in_docs_is_served_by_Get_Help()
    {
        var docs = Path.Combine(TestPaths.Root, "docs");
        var topics = Directory.GetFiles(docs, "about_*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains("about_NodeOps_Documents", topics);
        using var shell = new NodeOpsShell();
        foreach (var topic in topics)
        {
            var text = string.Concat(shell.Run("Get-Help $args[0]", topic!).Select(o => o.ToString()));
            Assert.StartsWith("# " + topic, text);
            Assert.Contains("## LONG DESCRIPTION", text);
        }
    }

    private static object? Prop(object? o, string name) => o is null ? null : PSObject.AsPSObject(o).Properties[name]?.Value;

    private static List<object> AsList(object? o) => o switch
    {
        null => new List<object>(),
        object[] a => a.ToList(),
        System.Collections.IEnumerable e and not string => e.Cast<object>().ToList(),
        _ => new List<object> { o },
    };
}

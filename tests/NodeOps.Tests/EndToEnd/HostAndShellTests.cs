using System.Diagnostics;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>The module as a user meets it in the nodeops host: load context, format views, completion.</summary>
public class HostAndShellTests
{
    private static (int Code, string Out, string Err) Host(string script) => HostProcess.Run(script);

    [Fact]
    public void Dependencies_load_in_a_private_load_context()
    {
        var catalog = Path.Combine(TestPaths.NewTempDirectory(), "c.db");
        var (code, output, err) = Host($"Register-ManagedNode -Name alc -Address 127.0.0.1 -CatalogPath '{catalog}' | ForEach-Object {{ [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_.GetType().Assembly).Name; $_.GetType().Assembly.Location }}");
        Assert.True(code == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("NodeOps.Dependencies", lines[0]);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(TestPaths.ModuleManifest)!, "dependencies", "NodeOps.Core.dll"), lines[1]);
    }

    [Fact]
    public void Default_output_is_a_table_from_the_format_views()
    {
        var catalog = Path.Combine(TestPaths.NewTempDirectory(), "c.db");
        var (code, output, err) = Host($"Register-ManagedNode -Name fmt1 -Address 10.2.3.4 -Tag @{{ Env = 'prod' }} -CatalogPath '{catalog}' | Out-Null; Get-ManagedNode -CatalogPath '{catalog}'");
        Assert.True(code == 0, err);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^NodeId\s+Name\s+Address\s+Transport\s+PingStatus\s+Platform\s+Tags$", lines[0]);
        Assert.Matches(@"^-+\s+-+", lines[1]);
        Assert.Matches(@"^mi-[0-9a-f]{12}\s+fmt1\s+10\.2\.3\.4:22\s+Ssh\s+Unknown\s+Env=prod$", lines[2]);
    }

    [Fact]
    public void Patch_compliance_summary_prints_as_one_table_row()
    {
        var catalog = Path.Combine(TestPaths.NewTempDirectory(), "c.db");
        var (code, output, err) = Host($"Register-ManagedNode -Name fmt2 -Address 10.2.3.5 -CatalogPath '{catalog}' | Out-Null; Get-PatchComplianceSummary -StaleDays 14 -CatalogPath '{catalog}'");
        Assert.True(code == 0, err);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Nodes\s+Compliant\s+NonCompliant\s+Critical\s+High\s+Medium\s+Low\s+Info\s+Unspec\s+NeverReported\s+Stale\s+GeneratedAt$", lines[0]);
        Assert.Matches(@"^1\s+0\s+0\s+0\s+0\s+0\s+0\s+0\s+0\s+1\s+0 \(>14 days\)\s+\S", lines[2]);
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public void Every_type_the_scheduling_compliance_and_patching_cmdlets_declare_as_output_has_a_table_view()
    {
        var views = System.Xml.Linq.XDocument.Load(Path.Combine(Path.GetDirectoryName(TestPaths.ModuleManifest)!, "NodeOps.format.ps1xml"))
            .Descendants("View").Where(v => v.Element("TableControl") is not null)
            .SelectMany(v => v.Descendants("TypeName")).Select(t => t.Value.Trim()).ToHashSet();
        using var shell = new NodeOpsShell();
        // Each declared type with its base types: a view of a base type serves it too.
        var declared = shell.Run("""
            foreach ($c in Get-Command -Name $args[0]) {
              foreach ($t in $c.OutputType.Type) {
                $chain = for ($x = $t; $x -ne [object]; $x = $x.BaseType) { $x.FullName }
                "$($c.Name)|$($chain -join ';')"
              }
            }
            """, new object[] { CmdletBadInputTests.Cmdlets.ToArray() }).Select(o => o.ToString()!.Split('|')).ToList();
        Assert.Contains(declared, d => d[0] == "Get-PatchComplianceSummary" && d[1] == "NodeOps.Core.Patching.PatchComplianceSummary");
        // Strings and files are the engine's to show, and so are jobs (NodeCommandJob derives from Job).
        var engines = new[] { "System.String", "System.IO.FileInfo", "System.Management.Automation.Job" };
        var missing = declared.Where(d => !d[1].Split(';').Any(t => views.Contains(t) || engines.Contains(t))).Select(d => $"{d[0]}: {d[1]}").ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Exit_code_of_a_failed_script_is_non_zero()
    {
        var (code, _, err) = Host("Get-ManagedNode -Tag Env -CatalogPath /tmp/nodeops-tests/never.db");
        Assert.NotEqual(0, code);
        Assert.Contains("Key=Value", err);
    }

    [Fact]
    public void Node_ids_and_names_tab_complete_from_the_catalog()
    {
        using var shell = new NodeOpsShell();
        var id = shell.Run("(Register-ManagedNode -Name complete-me -Address 10.0.0.1).NodeId").Single().ToString();
        var input = $"Get-ManagedNode -CatalogPath '{shell.CatalogPath}' -NodeId mi-";
        var byId = shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", input);
        Assert.Contains(id, byId.Select(o => o.ToString()));
        var byName = shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", $"Get-ManagedNode -CatalogPath '{shell.CatalogPath}' -Name compl");
        Assert.Equal(new[] { "complete-me" }, byName.Select(o => o.ToString()));
    }
}

using System.Diagnostics;
using LiteDB;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>The catalog file through the cmdlets: creation, schema, bad files, locks, crashes, two processes.</summary>
public class CatalogTests
{
    [Fact]
    public void Catalog_is_created_on_first_use_with_the_current_schema()
    {
        using var shell = new NodeOpsShell();
        Assert.False(File.Exists(shell.CatalogPath));
        Assert.Empty(shell.Run("Get-ManagedNode"));
        Assert.True(File.Exists(shell.CatalogPath));
        using var db = new LiteDatabase($"Filename={shell.CatalogPath};Connection=shared");
        Assert.Equal(6, db.GetCollection("meta").FindById("schema")["Version"].AsInt32);
    }

    [Fact]
    public void Times_read_back_as_the_UTC_instant_they_were_written_so_After_and_Before_filter_right()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "times.db");
        var written = DateTime.UtcNow;
        using (var catalog = NodeCatalog.Open(path))
            catalog.Audit.Append(new AuditEvent { Time = written, User = "tester", Cmdlet = "Set-Thing" });
        using (var catalog = NodeCatalog.Open(path))
        {
            var e = Assert.Single(catalog.Audit.Query(new AuditQuery()));
            Assert.Equal(DateTimeKind.Utc, e.Time.Kind);
            Assert.True(Math.Abs((e.Time - written).TotalMilliseconds) < 1, $"wrote {written:O}, read {e.Time:O}");
            Assert.Single(catalog.Audit.Query(new AuditQuery { After = written.ToLocalTime().AddMinutes(-1), Before = written.ToLocalTime().AddMinutes(1) }));
            Assert.Empty(catalog.Audit.Query(new AuditQuery { After = written.AddMinutes(1) }));
            Assert.Empty(catalog.Audit.Query(new AuditQuery { Before = written.AddMinutes(-1) }));
            Assert.True(catalog.Audit.Verify().Valid);
        }
    }

    [Fact]
    public void Env_variable_chooses_the_catalog_when_no_path_is_given()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "env.db");
        using var shell = new NodeOpsShell();
        shell.Run("$env:NODEOPS_CATALOG = $args[0]; $PSDefaultParameterValues.Clear(); Register-ManagedNode -Name envnode -Address 127.0.0.1 | Out-Null", path);
        Environment.SetEnvironmentVariable("NODEOPS_CATALOG", null);
        using var catalog = NodeCatalog.Open(path);
        Assert.NotNull(catalog.Nodes.FindByName("envnode"));
    }

    [Fact]
    public void A_corrupt_file_gives_CatalogCorrupt_and_is_left_untouched()
    {
        using var shell = new NodeOpsShell();
        var junk = new byte[40000];
        new Random(7).NextBytes(junk);
        File.WriteAllBytes(shell.CatalogPath, junk);
        var error = shell.ExpectError("Get-ManagedNode");
        Assert.Equal("CatalogCorrupt,NodeOps.Cmdlets.GetManagedNodeCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(shell.CatalogPath, error.TargetObject);
        Assert.Equal(junk, File.ReadAllBytes(shell.CatalogPath));
    }

    [Fact]
    public void A_newer_schema_is_refused_and_not_changed()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Register-ManagedNode -Name keepme -Address 127.0.0.1 | Out-Null");
        using (var db = new LiteDatabase($"Filename={shell.CatalogPath};Connection=shared"))
            db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema", ["Version"] = 99 });
        var before = File.ReadAllBytes(shell.CatalogPath);
        var error = shell.ExpectError("Register-ManagedNode -Name another -Address 127.0.0.2");
        Assert.StartsWith("CatalogSchemaTooNew,", error.FullyQualifiedErrorId);
        Assert.Equal(before, File.ReadAllBytes(shell.CatalogPath));
    }

    [Fact]
    public void A_locked_file_gives_CatalogLocked_after_a_short_wait()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Register-ManagedNode -Name locked1 -Address 127.0.0.1 | Out-Null");
        using (new FileStream(shell.CatalogPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var watch = Stopwatch.StartNew();
            var error = shell.ExpectError("Get-ManagedNode");
            Assert.StartsWith("CatalogLocked,", error.FullyQualifiedErrorId);
            Assert.InRange(watch.Elapsed.TotalSeconds, 2, 20);
        }
        Assert.Single(shell.Run("Get-ManagedNode"));
    }

    [Fact]
    public void A_run_whose_controller_died_is_marked_Interrupted_on_next_open()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Get-ManagedNode");
        using (var catalog = NodeCatalog.Open(shell.CatalogPath))
        {
            var cmd = new NodeCommand
            {
                CommandId = "dead-run", Status = CommandStatus.InProgress, RequestedAt = DateTime.UtcNow.AddMinutes(-1),
                OwnerHost = Environment.MachineName, OwnerProcessId = FindDeadPid(), TargetNodeIds = new() { "mi-x" }, TargetCount = 1,
            };
            catalog.Commands.Create(cmd, new[] { new NodeCommandInvocation { InvocationId = "dead-run/mi-x", CommandId = "dead-run", NodeId = "mi-x", Status = InvocationStatus.InProgress } });
        }
        var status = shell.Run("(Get-NodeCommand -CommandId dead-run).Status.ToString(); (Get-NodeCommandInvocation -CommandId dead-run).Status.ToString()");
        Assert.Equal(new[] { "Interrupted", "Interrupted" }, status.Select(s => s.ToString()));
    }

    [Fact]
    public void Two_processes_writing_one_catalog_lose_nothing()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "shared.db");
        var procs = Enumerable.Range(0, 2).Select(p =>
        {
            var psi = new ProcessStartInfo(TestPaths.HostExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add($"1..40 | ForEach-Object {{ Register-ManagedNode -Name \"p{p}-n$_\" -Address 127.0.0.1 -Tag @{{ Proc = '{p}' }} -CatalogPath '{path}' | Out-Null; Add-ManagedNodeTag -NodeId \"p{p}-n$_\" -Tag @{{ Seen = 'yes' }} -CatalogPath '{path}' }}");
            return Process.Start(psi)!;
        }).ToList();
        foreach (var p in procs)
        {
            Assert.True(p.WaitForExit(120_000), "writer did not finish");
            Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd());
        }
        using var catalog = NodeCatalog.Open(path);
        var nodes = catalog.Nodes.All();
        Assert.Equal(80, nodes.Count);
        Assert.All(nodes, n => Assert.Equal("yes", n.Tags["Seen"]));
        Assert.Equal(40, nodes.Count(n => n.Tags["Proc"] == "1"));
    }

    [Fact]
    public void Large_output_is_kept_whole_in_file_storage()
    {
        using var shell = new NodeOpsShell();
        shell.Run("Get-ManagedNode");
        var big = string.Concat(Enumerable.Range(0, 30000).Select(i => $"line {i}\n"));
        using (var catalog = NodeCatalog.Open(shell.CatalogPath))
        {
            var inv = new NodeCommandInvocation { InvocationId = "big/mi-1", CommandId = "big", NodeId = "mi-1", Status = InvocationStatus.InProgress };
            catalog.Commands.Create(new NodeCommand { CommandId = "big", Status = CommandStatus.Success, OwnerHost = "elsewhere" }, new[] { inv });
            catalog.Commands.Complete(inv, big, "err");
        }
        var head = shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId big").Single();
        Assert.True(head.OutputTruncated);
        Assert.Equal(CommandStore.InlineOutputLimit, head.StandardOutput.Length);
        Assert.Equal(big.Length, head.StandardOutputLength);
        var full = shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId big -Detail").Single();
        Assert.Equal(big, full.StandardOutput);
        Assert.False(full.OutputTruncated);
    }

    [Fact]
    public void Unknown_command_id_is_CommandNotFound()
    {
        using var shell = new NodeOpsShell();
        var error = shell.ExpectError("Get-NodeCommand -CommandId no-such-command");
        Assert.StartsWith("CommandNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("no-such-command", error.TargetObject);
        Assert.StartsWith("CommandNotFound,", shell.ExpectError("Get-NodeCommandInvocation -CommandId no-such-command").FullyQualifiedErrorId);
    }

    private static int FindDeadPid()
    {
        for (var pid = 400000; pid > 1000; pid -= 7)
            try { Process.GetProcessById(pid).Dispose(); }
            catch (ArgumentException) { return pid; }
        throw new InvalidOperationException("no free pid");
    }
}

using System.Management.Automation;
using System.Text.Json;
using LiteDB;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Every change writes one chained audit event; secrets never appear in it.</summary>
public class AuditTrailTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();

    public void Dispose() => _shell.Dispose();

    private List<AuditEvent> Events(string filter = "") => _shell.Run<AuditEvent>("Get-NodeOpsAuditEvent " + filter);

    [Fact]
    public void Changes_are_audited_with_targets_results_and_outcome_reads_are_not()
    {
        var node = _shell.Run<ManagedNode>("Register-ManagedNode -Name audit1 -Address 10.9.9.9 -Tag @{ Env = 'x' }").Single();
        _shell.Run("Get-ManagedNode audit1 | Out-Null; Get-NodeOpsAuditEvent | Out-Null");
        _shell.Run("Add-ManagedNodeTag -NodeId audit1 -Tag @{ Role = 'db' }");
        _shell.ExpectError("Remove-ManagedNode -NodeId nosuchnode");
        _shell.Run("Remove-ManagedNode -NodeId audit1 -WhatIf");

        var events = Events();
        Assert.Equal(new[] { "Remove-ManagedNode", "Remove-ManagedNode", "Add-ManagedNodeTag", "Register-ManagedNode" }, events.Select(e => e.Cmdlet));
        var register = events[3];
        Assert.Equal(AuditOutcome.Success, register.Outcome);
        Assert.Contains(node.NodeId, register.ResultIds);
        Assert.Equal("audit1", register.Parameters["Name"]);
        Assert.Equal(Environment.UserName, register.User);
        Assert.Equal(AuditOutcome.Failed, events[1].Outcome);
        Assert.Equal(new[] { "NodeNotFound" }, events[1].ErrorIds);
        Assert.Contains("nosuchnode", events[1].Targets);
        Assert.Equal(AuditOutcome.WhatIf, events[0].Outcome);
        Assert.Equal(events.Select(e => e.Sequence).OrderByDescending(s => s), events.Select(e => e.Sequence));
        Assert.Single(Events("-Cmdlet Register-*"));
        Assert.Single(Events("-NodeId audit1 -Outcome WhatIf"));
        Assert.Equal(new[] { "Add-ManagedNodeTag", "Register-ManagedNode" }, Events($"-NodeId {node.NodeId} -Outcome Success").Select(e => e.Cmdlet));
        Assert.True(_shell.Run<AuditTrailCheck>("Test-NodeOpsAuditTrail").Single().Valid);
    }

    [Fact]
    public void An_edited_or_removed_event_is_found()
    {
        for (var i = 0; i < 4; i++) _shell.Run("Register-ManagedNode -Name $args[0] -Address 10.0.0.1 | Out-Null", $"chain{i}");
        Assert.True((bool)_shell.Run("Test-NodeOpsAuditTrail -Quiet").Single().BaseObject);

        using (var db = new LiteDatabase($"Filename={_shell.CatalogPath};Connection=shared"))
        {
            var col = db.GetCollection("audit");
            var e = col.FindById(2);
            e["User"] = "someone-else";
            col.Update(e);
        }
        var edited = _shell.Run<AuditTrailCheck>("Test-NodeOpsAuditTrail").Single();
        Assert.False(edited.Valid);
        Assert.Equal(2, edited.FirstBrokenSequence);
        Assert.Contains("edited", edited.Reason);

        using (var db = new LiteDatabase($"Filename={_shell.CatalogPath};Connection=shared"))
        {
            var col = db.GetCollection("audit");
            var e = col.FindById(2);
            e["User"] = Environment.UserName; // put it back
            col.Update(e);
            col.Delete(3);
        }
        var removed = _shell.Run<AuditTrailCheck>("Test-NodeOpsAuditTrail").Single();
        Assert.False(removed.Valid);
        Assert.Equal(4, removed.FirstBrokenSequence);
        Assert.Contains("event 3 is missing", removed.Reason);
    }

    [Fact]
    public void Events_go_to_syslog_and_reads_are_audited_when_preferences_say_so()
    {
        using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)udp.Client.LocalEndPoint!).Port;
        _shell.Run("Set-NodeOpsPreference -Syslog $args[0] -AuditReadOnly $true | Out-Null", $"udp://127.0.0.1:{port}");
        _shell.Run("Register-ManagedNode -Name sys1 -Address 10.1.1.1 | Out-Null");
        var message = ReceiveUntil(udp, "Register-ManagedNode");
        Assert.StartsWith("<38>1 ", message); // facility auth, severity informational, RFC 5424
        Assert.Contains("nodeops", message);
        _shell.Run("Get-ManagedNode | Out-Null");
        Assert.Contains("\"Cmdlet\":\"Get-ManagedNode\"", ReceiveUntil(udp, "Get-ManagedNode"));
        Assert.Equal("Get-ManagedNode", Events("-First 1").Single().Cmdlet);
        Assert.True(_shell.Run<AuditTrailCheck>("Test-NodeOpsAuditTrail").Single().Valid);
    }

    private static string ReceiveUntil(System.Net.Sockets.UdpClient udp, string text)
    {
        udp.Client.ReceiveTimeout = 5000;
        while (true)
        {
            System.Net.IPEndPoint? from = null;
            var message = System.Text.Encoding.UTF8.GetString(udp.Receive(ref from));
            if (message.Contains(text)) return message;
        }
    }

    [Fact]
    public void Secrets_never_appear_in_audit_events_or_the_export()
    {
        const string plain = "Plain-As-Secure-8841", secure = "Secure-String-7712";
        _shell.Run("Set-NodeParameter /a/one $args[0] -Type SecureString | Out-Null", plain);
        _shell.Run("Set-NodeParameter /a/two ([Net.NetworkCredential]::new('', $args[0]).SecurePassword) | Out-Null", secure);
        _shell.Run("Register-ManagedNode -Name win1 -Address 10.0.0.5 -Transport WinRm -Credential ([pscredential]::new('admin', [Net.NetworkCredential]::new('', $args[0]).SecurePassword)) | Out-Null", secure + "x");
        var events = Events();
        Assert.All(events.Skip(1).Take(2), e => Assert.Equal("****", e.Parameters["Value"]));
        Assert.Equal("****", events[0].Parameters["Credential"]);
        var file = Path.Combine(TestPaths.NewTempDirectory(), "audit.jsonl");
        _shell.Run("Export-NodeOpsAuditEvent -Path $args[0] | Out-Null", file);
        var lines = File.ReadAllLines(file);
        Assert.Equal(events.Count, lines.Length);
        Assert.Equal("Set-NodeParameter", JsonDocument.Parse(lines[0]).RootElement.GetProperty("Cmdlet").GetString());
        Assert.Equal("Success", JsonDocument.Parse(lines[0]).RootElement.GetProperty("Outcome").GetString());
        DiskScan.AssertAbsent(Path.GetDirectoryName(_shell.CatalogPath)!, plain);
        DiskScan.AssertAbsent(Path.GetDirectoryName(_shell.CatalogPath)!, secure);
        DiskScan.AssertAbsent(Path.GetDirectoryName(file)!, plain);
        DiskScan.AssertAbsent(Path.GetDirectoryName(file)!, secure);
    }

    [Fact]
    public void Checking_a_missing_catalog_is_an_error_and_creates_nothing()
    {
        var missing = Path.Combine(TestPaths.NewTempDirectory(), "nowhere.db");
        var error = _shell.ExpectError("Test-NodeOpsAuditTrail -CatalogPath $args[0]", missing);
        Assert.Equal("CatalogNotFound", NodeOpsShell.ErrorIdOf(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void An_export_replaces_the_file_whole_and_a_failed_one_leaves_nothing_behind()
    {
        _shell.Run("Set-NodeParameter /a/exported one | Out-Null");
        var dir = TestPaths.NewTempDirectory();
        var file = Path.Combine(dir, "audit.jsonl");
        File.WriteAllText(file, new string('x', 100000) + "\n");
        _shell.Run("Export-NodeOpsAuditEvent -Path $args[0] | Out-Null", file);
        var lines = File.ReadAllLines(file);
        Assert.All(lines, l => JsonDocument.Parse(l));
        var taken = Path.Combine(dir, "taken");
        Directory.CreateDirectory(taken);
        var error = _shell.ExpectError("Export-NodeOpsAuditEvent -Path $args[0]", taken);
        Assert.Equal("AuditExportFailed", NodeOpsShell.ErrorIdOf(error));
        Assert.Equal(new[] { "audit.jsonl", "taken" }, Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }
}

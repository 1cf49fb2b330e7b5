using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Session Manager against the real fleet: command sessions, port forwarding, access rules, and a real interactive prompt in tmux.</summary>
[Collection("Fleet")]
public class SessionTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public SessionTests() => _ids = TestFleet.Register(_shell, Math.Min(2, TestFleet.Nodes.Count));

    public void Dispose() => _shell.Dispose();

    private NodeSessionRecord Latest() => _shell.Run<NodeSessionRecord>("Get-NodeSession -First 1").Single();

    [Fact]
    public void Command_session_is_recorded_with_reason_transcript_and_audit_event()
    {
        var output = _shell.Run("Start-NodeSession -NodeId node1 -Command '[Environment]::MachineName; \"six=$(2*3)\"' -Reason 'check the box'").Select(o => o.ToString()).ToList();
        Assert.Equal("six=6", output[1]);
        var record = Latest();
        Assert.Equal((NodeSessionKind.Command, NodeSessionStatus.Ended, "check the box"), (record.Kind, record.Status, record.Reason));
        Assert.Equal(_ids[0], record.NodeId);
        Assert.Equal(Environment.UserName, record.User);
        Assert.NotNull(record.EndTime);
        var transcript = (string)_shell.Run("Get-NodeSessionTranscript $args[0]", record.SessionId).Single().BaseObject;
        Assert.Contains("reason: check the box", transcript);
        Assert.Contains("six=$(2*3)", transcript);
        Assert.Contains("six=6", transcript);
        Assert.Contains(output[0], transcript);
        var audit = _shell.Run<AuditEvent>("Get-NodeOpsAuditEvent -Cmdlet Start-NodeSession").Single();
        Assert.Contains(record.SessionId, audit.ResultIds);
        Assert.Equal(AuditOutcome.Success, audit.Outcome);
    }

    [Fact]
    public void Access_rules_and_required_reasons_deny_with_a_clear_error_and_the_attempt_is_recorded()
    {
        _shell.Run("Set-NodeOpsPreference -SessionAccess @{ Effect = 'Deny'; Principal = $args[0]; Tag = 'Role=web' } | Out-Null", Environment.UserName);
        var denied = _shell.ExpectError("Start-NodeSession -NodeId node1 -Command 'hostname'");
        Assert.StartsWith("SessionDenied,NodeOps.Cmdlets.StartNodeSessionCommand", denied.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Equal(NodeSessionStatus.Denied, Latest().Status);
        // node2 has Role=db: the rule does not apply there.
        Assert.Single(_shell.Run("Start-NodeSession -NodeId node2 -Command 'hostname'"));

        _shell.Run("Set-NodeOpsPreference -SessionAccess @(@{ Effect = 'Allow'; Principal = 'nobody-else'; Tag = '*' }) -ReasonRequired $true | Out-Null");
        Assert.StartsWith("SessionReasonRequired,", _shell.ExpectError("Start-NodeSession -NodeId node2 -Command 'hostname'").FullyQualifiedErrorId);
        Assert.StartsWith("SessionDenied,", _shell.ExpectError("Start-NodeSession -NodeId node2 -Command 'hostname' -Reason x").FullyQualifiedErrorId);
        var failed = _shell.Run<AuditEvent>("Get-NodeOpsAuditEvent -Cmdlet Start-NodeSession -Outcome Failed");
        Assert.Equal(3, failed.Count);
        Assert.Contains(failed, e => e.ErrorIds.Contains("SessionDenied"));
    }

    [Fact]
    public void Port_forwarding_moves_real_bytes_and_Stop_NodeSession_from_another_process_ends_it()
    {
        var port = FreePort();
        using var second = new NodeOpsShell(_shell.CatalogPath);
        using var ps = PowerShell.Create();
        ps.Runspace = second.Runspace;
        // The node's sshd listens on its own address only; the node itself connects there, at the far end of the tunnel.
        ps.AddScript("Start-NodeSession -NodeId node1 -LocalPort $args[0] -RemotePort 22 -RemoteHost $args[1] -Reason tunnel -PassThru")
            .AddArgument(port).AddArgument(TestFleet.Nodes[0].Address);
        var running = ps.BeginInvoke();

        var banner = ReadBanner(port, TimeSpan.FromSeconds(30));
        Assert.StartsWith("SSH-2.0-OpenSSH", banner); // the node's own sshd, reached through the tunnel
        var active = _shell.Run<NodeSessionRecord>("Get-NodeSession -Active").Single();
        Assert.Equal((NodeSessionKind.PortForward, port, 22), (active.Kind, active.LocalPort!.Value, active.RemotePort!.Value));

        var busy = _shell.ExpectError("Start-NodeSession -NodeId node2 -LocalPort $args[0] -RemotePort 22", port);
        Assert.StartsWith("PortInUse,", busy.FullyQualifiedErrorId);

        var (code, _, err) = HostProcess.Run($"Stop-NodeSession -CatalogPath '{_shell.CatalogPath}' -SessionId {active.SessionId}");
        Assert.True(code == 0, err);
        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "the forward did not end");
        var ended = (NodeSessionRecord)ps.EndInvoke(running).Single().BaseObject;
        Assert.Equal(NodeSessionStatus.Terminated, ended.Status);
        Assert.Contains("stopped by", ended.ExitDetails);
        Assert.Throws<SocketException>(() => new TcpClient().Connect(IPAddress.Loopback, port));
    }

    [Fact]
    public void Interactive_session_in_the_nodeops_host_through_a_terminal()
    {
        var tmux = "nodeops-test-" + Guid.NewGuid().ToString("N")[..8];
        var node = TestFleet.Nodes[0];
        try
        {
            Tmux("new-session", "-d", "-s", tmux, "-x", "200", "-y", "50", TestPaths.HostExecutable);
            WaitForScreen(tmux, "PS ", TimeSpan.FromSeconds(30));
            Type(tmux, $"Start-NodeSession -CatalogPath '{_shell.CatalogPath}' -NodeId node1 -Reason 'tmux check'");
            WaitForScreen(tmux, "[node1]: PS> ", TimeSpan.FromSeconds(60));
            Type(tmux, "[Environment]::MachineName");
            Type(tmux, "'sum=' + (40 + 2)");
            WaitForScreen(tmux, "sum=42", TimeSpan.FromSeconds(30));
            Type(tmux, "Get-Item /nonexistent/path");
            Type(tmux, "exit");
            WaitForScreen(tmux, "PS /", TimeSpan.FromSeconds(30), after: "sum=42");

            var record = Latest();
            Assert.Equal((NodeSessionKind.Interactive, NodeSessionStatus.Ended, "exit"), (record.Kind, record.Status, record.ExitDetails));
            var transcript = (string)_shell.Run("Get-NodeSessionTranscript $args[0]", record.SessionId).Single().BaseObject;
            Assert.Contains("[node1]: PS> 'sum=' + (40 + 2)", transcript);
            Assert.Contains("sum=42", transcript);
            Assert.Contains("[node1]: PS> exit", transcript);
            Assert.Contains("Get-Item /nonexistent/path", transcript);
            var screen = Capture(tmux);
            Assert.Contains("sum=42", screen);

            // Ctrl+C ends the session, and the record says so.
            Type(tmux, $"Start-NodeSession -CatalogPath '{_shell.CatalogPath}' -NodeId node1");
            WaitForScreen(tmux, "[node1]: PS> ", TimeSpan.FromSeconds(60), after: "exit");
            Tmux("send-keys", "-t", tmux, "C-c");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Latest().Status == NodeSessionStatus.Active && DateTime.UtcNow < deadline) Thread.Sleep(200);
            var interrupted = Latest();
            Assert.Equal((NodeSessionStatus.Terminated, "Ctrl+C"), (interrupted.Status, interrupted.ExitDetails));
        }
        finally
        {
            try { Tmux("kill-session", "-t", tmux); } catch (Xunit.Sdk.XunitException) { }
        }
    }

    [Fact]
    public void Transcripts_go_to_a_folder_when_asked_and_an_unwritable_one_stops_the_session()
    {
        var folder = Path.Combine(TestPaths.NewTempDirectory(), "transcripts");
        _shell.Run("Set-NodeOpsPreference -TranscriptFolder $args[0] | Out-Null", folder);
        _shell.Run("Start-NodeSession -NodeId node2 -Command '\"folder-test\"'");
        var record = Latest();
        Assert.Equal(Path.Combine(folder, record.SessionId + ".txt.gz"), record.TranscriptFile);
        Assert.Contains("folder-test", (string)_shell.Run("Get-NodeSessionTranscript $args[0]", record.SessionId).Single().BaseObject);

        var file = Path.Combine(TestPaths.NewTempDirectory(), "not-a-folder");
        File.WriteAllText(file, "");
        _shell.Run("Set-NodeOpsPreference -TranscriptFolder $args[0] | Out-Null", file);
        var error = _shell.ExpectError("Start-NodeSession -NodeId node2 -Command 'hostname'");
        Assert.StartsWith("TranscriptUnwritable,", error.FullyQualifiedErrorId);
        Assert.Equal(NodeSessionStatus.Failed, Latest().Status);
        _shell.Run("Set-NodeOpsPreference -TranscriptFolder '' -TranscriptEnabled $false | Out-Null");
        _shell.Run("Start-NodeSession -NodeId node2 -Command 'hostname'");
        Assert.Equal("", (string)_shell.Run("Get-NodeSessionTranscript $args[0]", Latest().SessionId).Single().BaseObject);
    }

    [Fact]
    public void Session_documents_run_commands_and_forward_ports()
    {
        var output = _shell.Run("Start-NodeSession -NodeId node1 -DocumentName AWS-StartInteractiveCommand -Parameters @{ command = 'echo $((6*7)) on $(hostname)' }").Single().ToString();
        Assert.StartsWith("42 on ", output);
        Assert.Equal(NodeSessionKind.Command, Latest().Kind);

        var port = FreePort();
        using var second = new NodeOpsShell(_shell.CatalogPath);
        using var ps = PowerShell.Create();
        ps.Runspace = second.Runspace;
        ps.AddScript("Start-NodeSession -NodeId node1 -DocumentName AWS-StartPortForwardingSessionToRemoteHost -Parameters @{ host = $args[1]; portNumber = '22'; localPortNumber = $args[0] }")
            .AddArgument(port.ToString()).AddArgument(TestFleet.Nodes[0].Address);
        var running = ps.BeginInvoke();
        Assert.StartsWith("SSH-2.0-OpenSSH", ReadBanner(port, TimeSpan.FromSeconds(30)));
        var active = _shell.Run<NodeSessionRecord>("Get-NodeSession -Active").Single();
        _shell.Run("Stop-NodeSession $args[0]", active.SessionId);
        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(15)));
        Assert.Equal(NodeSessionStatus.Terminated, _shell.Run<NodeSessionRecord>("Get-NodeSession $args[0]", active.SessionId).Single().Status);

        var wrongType = _shell.ExpectError("Start-NodeSession -NodeId node1 -DocumentName AWS-RunShellScript");
        Assert.StartsWith("DocumentTypeNotRunnable,", wrongType.FullyQualifiedErrorId);
    }

    [Fact]
    public void Records_past_the_retention_days_are_removed_when_a_session_starts()
    {
        _shell.Run("Start-NodeSession -NodeId node2 -Command 'hostname' | Out-Null");
        var old = Latest();
        using (var db = new LiteDB.LiteDatabase($"Filename={_shell.CatalogPath};Connection=shared"))
        {
            var col = db.GetCollection("sessions");
            var doc = col.FindById(old.SessionId);
            doc["EndTime"] = DateTime.UtcNow.AddDays(-10);
            col.Update(doc);
        }
        _shell.Run("Set-NodeOpsPreference -RetentionDays 7 | Out-Null");
        _shell.Run("Start-NodeSession -NodeId node2 -Command 'hostname' | Out-Null");
        Assert.StartsWith("SessionNotFound,", _shell.ExpectError("Get-NodeSession $args[0]", old.SessionId).FullyQualifiedErrorId);
        Assert.Single(_shell.Run<NodeSessionRecord>("Get-NodeSession"));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static string ReadBanner(int port, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                client.ReceiveTimeout = 5000;
                var buffer = new byte[64];
                var n = client.GetStream().Read(buffer);
                if (n > 0) return Encoding.ASCII.GetString(buffer, 0, n);
            }
            catch (Exception ex) when (ex is SocketException or IOException && DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("no banner through the tunnel");
            Thread.Sleep(200);
        }
    }

    private static string Tmux(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["TERM"] = "xterm";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new Xunit.Sdk.XunitException($"tmux {string.Join(' ', args)}: {error}");
        return output;
    }

    private static void Type(string session, string line)
    {
        Tmux("send-keys", "-t", session, "-l", line);
        Tmux("send-keys", "-t", session, "Enter");
    }

    private static string Capture(string session) => Tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session);

    private static void WaitForScreen(string session, string text, TimeSpan limit, string? after = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var screen = Capture(session);
            var from = after is null ? 0 : screen.LastIndexOf(after, StringComparison.Ordinal);
            if (from >= 0 && screen.IndexOf(text, from, StringComparison.Ordinal) >= 0) return;
            Thread.Sleep(200);
        }
        throw new Xunit.Sdk.XunitException($"'{text}' did not appear on the terminal; it shows:\n{Capture(session)}");
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using NodeOps.Core.Models;

namespace NodeOps.Core.Transport;

/// <summary>
/// Checks around the engine's SSH transport. The engine reports every failed ssh start as "the SSH
/// transport process has abruptly terminated" (printing ssh's own message to the console), and when ssh
/// dies at once, as on a refused connection, its error thread can end the whole process with a broken
/// pipe. So a new session first makes a plain TCP connection (a refused or silent node never reaches
/// the engine), and when the engine still fails, one diagnostic ssh run names the reason.
/// </summary>
internal static class SshPreflight
{
    public static async Task CheckReachableAsync(ManagedNode node, ConnectionSettings settings, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(settings.ConnectTimeout);
        try
        {
            await client.ConnectAsync(node.Address, Port(node), limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NodeConnectionException(NodeFailureKind.ConnectionTimedOut, node.NodeId,
                $"Connecting to {node.Name} ({node.Address}:{Port(node)}) timed out after {settings.ConnectTimeout.TotalSeconds:0} s: no answer from the host.");
        }
        catch (SocketException ex)
        {
            var kind = ex.SocketErrorCode == SocketError.TimedOut ? NodeFailureKind.ConnectionTimedOut : NodeFailureKind.Unreachable;
            throw new NodeConnectionException(kind, node.NodeId, $"Cannot reach {node.Name} ({node.Address}:{Port(node)}): {ex.Message}.", ex);
        }
    }

    /// <summary>Runs ssh once with the node's options and returns what it printed on stderr (empty when it got in).</summary>
    public static async Task<string> DiagnoseAsync(ManagedNode node, ConnectionSettings settings)
    {
        var psi = SshCommandLine.For(node, settings, "ERROR", new[] { "-T" }, "exit");
        try
        {
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(settings.ConnectTimeout + TimeSpan.FromSeconds(5));
            try { await p.WaitForExitAsync(limit.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { p.Kill(true); return "ssh did not finish connecting: timed out"; }
            return (await stderr.ConfigureAwait(false)).Trim();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "The ssh client could not be started: " + ex.Message;
        }
    }

    private static int Port(ManagedNode node) => node.Port > 0 ? node.Port : 22;
}

using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Sessions;

/// <summary>Forwards a local port through a node over SSH (ssh -L) until the session ends.</summary>
public sealed class PortForwarder : IDisposable
{
    private readonly Process _ssh;
    private readonly Task<string> _stderr;

    private PortForwarder(Process ssh)
    {
        _ssh = ssh;
        _stderr = ssh.StandardError.ReadToEndAsync();
        _ = ssh.StandardOutput.ReadToEndAsync();
    }

    public bool HasExited => _ssh.HasExited;

    public string Errors => _ssh.HasExited ? _stderr.Result.Trim() : "";

    /// <summary>Starts the tunnel and waits until the local port accepts connections.</summary>
    public static PortForwarder Start(ManagedNode node, ConnectionSettings settings, int localPort, int remotePort, string remoteHost, CancellationToken ct)
    {
        if (node.Transport != NodeTransport.Ssh)
            throw new NodeOpsException(ErrorIds.SessionNotSupported, ErrorCategory.InvalidOperation, node.NodeId, $"Port forwarding runs over SSH; {node.Name} is a {node.Transport} node.");
        EnsureFree(localPort);
        var psi = SshCommandLine.For(node, settings, "ERROR",
            new[] { "-N", "-o", "ExitOnForwardFailure=yes", "-L", $"127.0.0.1:{localPort}:{remoteHost}:{remotePort}" }, null);
        var forwarder = new PortForwarder(Process.Start(psi)!);
        forwarder._ssh.StandardInput.Close();
        var deadline = DateTime.UtcNow + settings.ConnectTimeout + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            if (forwarder._ssh.HasExited)
                throw new NodeOpsException(ErrorIds.PortForwardFailed, ErrorCategory.ConnectionError, node.NodeId,
                    $"Port forwarding through {node.Name} failed: {forwarder.Errors}");
            if (Accepts(localPort)) return forwarder;
            Thread.Sleep(100);
        }
        forwarder.Dispose();
        throw new NodeOpsException(ErrorIds.PortForwardFailed, ErrorCategory.OperationTimeout, node.NodeId,
            $"Port forwarding through {node.Name} did not come up within {settings.ConnectTimeout.TotalSeconds + 5:0} s.");
    }

    private static void EnsureFree(int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException)
        {
            throw new NodeOpsException(ErrorIds.PortInUse, ErrorCategory.ResourceUnavailable, port, $"Local port {port} is already in use; choose another -LocalPort.");
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try { if (!_ssh.HasExited) _ssh.Kill(true); } catch (InvalidOperationException) { }
        _ssh.Dispose();
    }
}

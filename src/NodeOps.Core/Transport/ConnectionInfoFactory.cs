using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using NodeOps.Core.Models;
using NodeOps.Core.Security;

namespace NodeOps.Core.Transport;

/// <summary>Builds the engine's connection info for a node: SSHConnectionInfo or WSManConnectionInfo.</summary>
public static class ConnectionInfoFactory
{
    public const string SshSubsystem = "powershell";

    public static RunspaceConnectionInfo Create(ManagedNode node, ConnectionSettings settings) => node.Transport switch
    {
        NodeTransport.WinRm => CreateWinRm(node, settings),
        _ => CreateSsh(node, settings),
    };

    private static RunspaceConnectionInfo CreateSsh(ManagedNode node, ConnectionSettings settings)
    {
        // QUIET: the engine echoes ssh's stderr to the console; failures are diagnosed separately (SshPreflight).
        var options = new Hashtable();
        foreach (var (k, v) in SshOptions.For(node, settings, "QUIET")) options[k] = v;
        var port = node.Port > 0 ? node.Port : 22;
        return new SSHConnectionInfo(node.UserName ?? Environment.UserName, node.Address, node.KeyFilePath ?? "", port,
            SshSubsystem, (int)settings.SessionOpenLimit.TotalMilliseconds, options);
    }

    private static RunspaceConnectionInfo CreateWinRm(ManagedNode node, ConnectionSettings settings)
    {
        PSCredential? credential = null;
        if (node.EncryptedPassword is not null)
        {
            SecureString password = SecretProtector.Default.UnprotectToSecureString(node.EncryptedPassword);
            credential = new PSCredential(node.UserName ?? Environment.UserName, password);
        }
        var port = node.Port > 0 ? node.Port : 5985;
        var info = new WSManConnectionInfo(useSsl: port == 5986, node.Address, port, "/wsman",
            "http://schemas.microsoft.com/powershell/Microsoft.PowerShell", credential)
        {
            OpenTimeout = (int)settings.SessionOpenLimit.TotalMilliseconds,
        };
        return info;
    }
}

using System.Diagnostics;
using NodeOps.Core.Models;

namespace NodeOps.Core.Transport;

/// <summary>An ssh client command line for a node, with its options, key and port (diagnostics, port forwarding).</summary>
public static class SshCommandLine
{
    public static ProcessStartInfo For(ManagedNode node, ConnectionSettings settings, string logLevel, IEnumerable<string> extraArguments, string? remoteCommand)
    {
        var psi = new ProcessStartInfo("ssh") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (k, v) in SshOptions.For(node, settings, logLevel))
        {
            psi.ArgumentList.Add("-o");
            psi.ArgumentList.Add($"{k}={v}");
        }
        foreach (var a in extraArguments) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-p");
        psi.ArgumentList.Add((node.Port > 0 ? node.Port : 22).ToString());
        if (!string.IsNullOrEmpty(node.KeyFilePath))
        {
            psi.ArgumentList.Add("-i");
            psi.ArgumentList.Add(node.KeyFilePath);
        }
        psi.ArgumentList.Add($"{node.UserName ?? Environment.UserName}@{node.Address}");
        if (remoteCommand is not null) psi.ArgumentList.Add(remoteCommand);
        return psi;
    }
}

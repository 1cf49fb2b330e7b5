using NodeOps.Core.Models;

namespace NodeOps.Core.Transport;

/// <summary>The ssh client options for a node, shared by the engine's transport and the diagnostic probe.</summary>
public static class SshOptions
{
    public static Dictionary<string, string> For(ManagedNode node, ConnectionSettings settings, string logLevel)
    {
        var options = new Dictionary<string, string>
        {
            // Never prompt for a password or passphrase: a missing key fails at once instead of hanging.
            ["BatchMode"] = "yes",
            ["ConnectTimeout"] = Math.Max(1, (int)Math.Ceiling(settings.ConnectTimeout.TotalSeconds)).ToString(),
            ["ServerAliveInterval"] = "15",
            ["ServerAliveCountMax"] = "3",
            ["LogLevel"] = logLevel,
        };
        switch (node.HostKeyPolicy)
        {
            case HostKeyPolicy.Ignore:
                options["StrictHostKeyChecking"] = "no";
                options["UserKnownHostsFile"] = "/dev/null";
                break;
            case HostKeyPolicy.Strict:
                options["StrictHostKeyChecking"] = "yes";
                options["UserKnownHostsFile"] = settings.KnownHostsPath;
                break;
            default:
                options["StrictHostKeyChecking"] = "accept-new";
                options["UserKnownHostsFile"] = settings.KnownHostsPath;
                break;
        }
        return options;
    }
}

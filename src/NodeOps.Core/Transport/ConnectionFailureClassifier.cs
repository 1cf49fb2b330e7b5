namespace NodeOps.Core.Transport;

/// <summary>
/// Reads what the SSH client (or WinRM stack) reported and names the failure. The SSH transport
/// surfaces the ssh client's own stderr text, so the matching is on OpenSSH's messages.
/// </summary>
public static class ConnectionFailureClassifier
{
    public static NodeFailureKind Classify(string text)
    {
        var t = text ?? "";
        if (Has(t, "REMOTE HOST IDENTIFICATION HAS CHANGED") || Has(t, "Host key for") && Has(t, "has changed"))
            return NodeFailureKind.HostKeyChanged;
        if (Has(t, "you have requested strict checking") || Has(t, "Host key verification failed") || Has(t, "No matching host key"))
            return NodeFailureKind.HostKeyUnknown;
        if (Has(t, "Permission denied") || Has(t, "Too many authentication failures") || Has(t, "Access is denied")
            || Has(t, "Authentication failed") || Has(t, "no identities") || Has(t, "Load key") && Has(t, "invalid format"))
            return NodeFailureKind.AuthenticationFailed;
        if (Has(t, "timed out") || Has(t, "Timeout") && !Has(t, "refused"))
            return NodeFailureKind.ConnectionTimedOut;
        if (Has(t, "Connection refused") || Has(t, "No route to host") || Has(t, "Network is unreachable")
            || Has(t, "Could not resolve hostname") || Has(t, "Name or service not known") || Has(t, "Connection closed by")
            || Has(t, "Connection reset"))
            return NodeFailureKind.Unreachable;
        if (Has(t, "libpsrpclient") || Has(t, "WSMan") && (Has(t, "not supported") || Has(t, "Unable to load") || Has(t, "could not be loaded")))
            return NodeFailureKind.TransportUnavailable;
        if (Has(t, "subsystem request failed") || Has(t, "subsystem"))
            return NodeFailureKind.TransportUnavailable;
        return NodeFailureKind.ConnectionFailed;
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}

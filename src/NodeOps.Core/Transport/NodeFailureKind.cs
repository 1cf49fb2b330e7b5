namespace NodeOps.Core.Transport;

/// <summary>Why a node could not be reached or could not finish; each has its own error id.</summary>
public enum NodeFailureKind
{
    Unreachable,
    ConnectionTimedOut,
    AuthenticationFailed,
    HostKeyChanged,
    HostKeyUnknown,
    TransportUnavailable,
    ConnectionFailed,
}

using NodeOps.Core.Errors;

namespace NodeOps.Core.Transport;

/// <summary>A node could not be connected to; <see cref="Kind"/> says why in a way scripts can test.</summary>
public sealed class NodeConnectionException : Exception
{
    public NodeFailureKind Kind { get; }
    public string NodeId { get; }

    public NodeConnectionException(NodeFailureKind kind, string nodeId, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        NodeId = nodeId;
    }

    public string ErrorId => Kind switch
    {
        NodeFailureKind.Unreachable => ErrorIds.NodeUnreachable,
        NodeFailureKind.ConnectionTimedOut => ErrorIds.ConnectionTimedOut,
        NodeFailureKind.AuthenticationFailed => ErrorIds.AuthenticationFailed,
        NodeFailureKind.HostKeyChanged => ErrorIds.HostKeyChanged,
        NodeFailureKind.HostKeyUnknown => ErrorIds.HostKeyUnknown,
        NodeFailureKind.TransportUnavailable => ErrorIds.TransportUnavailable,
        _ => ErrorIds.ConnectionFailed,
    };
}

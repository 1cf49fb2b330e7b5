using NodeOps.Core.Transport;
using Xunit;

namespace NodeOps.Tests.Unit;

public class ConnectionFailureClassifierTests
{
    [Theory]
    [InlineData("ssh: connect to host 10.77.0.3 port 22: Connection refused", NodeFailureKind.Unreachable)]
    [InlineData("ssh: connect to host 10.77.0.3 port 22: No route to host", NodeFailureKind.Unreachable)]
    [InlineData("ssh: connect to host 10.77.0.3 port 22: Connection timed out", NodeFailureKind.ConnectionTimedOut)]
    [InlineData("root@10.77.0.3: Permission denied (publickey).", NodeFailureKind.AuthenticationFailed)]
    [InlineData("@@@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@@@ Host key verification failed.", NodeFailureKind.HostKeyChanged)]
    [InlineData("No ED25519 host key is known for 10.77.0.3 and you have requested strict checking. Host key verification failed.", NodeFailureKind.HostKeyUnknown)]
    [InlineData("subsystem request failed on channel 0", NodeFailureKind.TransportUnavailable)]
    [InlineData("something nobody expected", NodeFailureKind.ConnectionFailed)]
    public void Ssh_client_messages_map_to_failure_kinds(string message, NodeFailureKind expected) =>
        Assert.Equal(expected, ConnectionFailureClassifier.Classify(message));
}

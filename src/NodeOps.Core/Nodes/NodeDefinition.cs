using System.Management.Automation;
using System.Security;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Security;

namespace NodeOps.Core.Nodes;

/// <summary>Validates and applies what Register-ManagedNode and Set-ManagedNode were given.</summary>
public static class NodeDefinition
{
    public static ManagedNode NewNode(string name, string? address, int? port, NodeTransport transport, string? user,
        string? keyFile, PSCredential? credential, HostKeyPolicy? hostKeyPolicy, Dictionary<string, string> tags)
    {
        var node = new ManagedNode
        {
            NodeId = NodeIds.New(),
            Name = name.Trim(),
            Transport = transport,
            RegisteredAt = DateTime.UtcNow,
            Tags = tags,
        };
        Apply(node, null, address ?? name, port, transport, user, keyFile, credential, hostKeyPolicy);
        return node;
    }

    public static void Apply(ManagedNode node, string? newName, string? address, int? port, NodeTransport? transport,
        string? user, string? keyFile, PSCredential? credential, HostKeyPolicy? hostKeyPolicy)
    {
        if (newName is not null) node.Name = newName.Trim();
        if (string.IsNullOrWhiteSpace(node.Name) || node.Name.Any(char.IsWhiteSpace) || node.Name.Length > 128)
            throw Invalid(node.Name, $"'{node.Name}' is not a valid node name: use 1 to 128 characters without spaces.");
        if (address is not null)
        {
            if (string.IsNullOrWhiteSpace(address) || address.Any(char.IsWhiteSpace))
                throw Invalid(address, $"'{address}' is not a valid host name or address.");
            node.Address = address.Trim();
        }
        if (transport is { } t) node.Transport = t;
        if (port is { } p)
        {
            if (p is < 1 or > 65535) throw Invalid(p, $"Port {p} is out of range (1-65535).");
            node.Port = p;
        }
        if (node.Port == 0) node.Port = node.Transport == NodeTransport.Ssh ? 22 : 5985;
        if (user is not null) node.UserName = user.Length == 0 ? null : user;
        if (hostKeyPolicy is { } h) node.HostKeyPolicy = h;
        if (keyFile is not null)
        {
            if (keyFile.Length == 0) node.KeyFilePath = null;
            else
            {
                var full = Path.GetFullPath(keyFile);
                if (!File.Exists(full))
                    throw new NodeOpsException(ErrorIds.KeyFileNotFound, ErrorCategory.ObjectNotFound, keyFile,
                        $"The key file '{keyFile}' does not exist. NodeOps stores the path, not the key, so the file must stay where it is.");
                node.KeyFilePath = full;
            }
        }
        if (credential is not null)
        {
            if (node.Transport == NodeTransport.Ssh)
                throw new NodeOpsException(ErrorIds.CredentialNotSupported, ErrorCategory.InvalidArgument, node.Name,
                    "PowerShell remoting over SSH cannot pass a password non-interactively. Use -KeyFilePath for SSH nodes; -Credential is for WinRm nodes.");
            node.UserName = credential.UserName;
            node.EncryptedPassword = SecretProtector.Default.Protect(credential.Password ?? new SecureString());
        }
    }

    private static NodeOpsException Invalid(object target, string message) =>
        new(ErrorIds.InvalidNodeDefinition, ErrorCategory.InvalidArgument, target, message);
}

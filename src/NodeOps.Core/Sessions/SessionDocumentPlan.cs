using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Sessions;

/// <summary>
/// What a Session document (schemaVersion 1.0) asks for, with parameters bound: Standard_Stream is an
/// interactive prompt (inputs.shellProfile runs first), InteractiveCommands / NonInteractiveCommands run
/// properties.&lt;platform&gt;.commands, Port forwards parameters.localPortNumber to host:portNumber.
/// </summary>
public sealed class SessionDocumentPlan
{
    public NodeSessionKind Kind { get; init; }
    public string? Commands { get; init; }
    /// <summary>Commands of a Linux/macOS node run in its shell (as SSM runs them), not in PowerShell.</summary>
    public bool CommandsAreShell { get; init; }
    public string? ShellProfile { get; init; }
    public int? LocalPort { get; init; }
    public int? RemotePort { get; init; }
    public string RemoteHost { get; init; } = "localhost";

    public static SessionDocumentPlan Create(NodeDocument record, DocumentDefinition definition, IDictionary? parameters, ManagedNode node,
        IParameterReferenceResolver? store)
    {
        if (definition.DocumentType != DocumentType.Session)
            throw new NodeOpsException(ErrorIds.DocumentTypeNotRunnable, ErrorCategory.InvalidOperation, record.Name,
                $"{record.Name} is a {definition.DocumentType} document; Start-NodeSession -DocumentName takes a Session document.");
        var bound = ParameterBinder.Bind(record.Name, definition.Parameters, parameters);
        var values = new Interpolator(record.Name, bound, store);
        var platform = (node.PlatformType ?? "Linux").ToLowerInvariant();
        string? ForPlatform(DocNode? section) =>
            (section as DocMap)?[platform] is DocMap p && p["commands"] is { } c ? Lines(values.Resolve(c)) : null;
        switch (definition.SessionType)
        {
            case "Standard_Stream":
                return new SessionDocumentPlan { Kind = NodeSessionKind.Interactive, ShellProfile = ShellProfileText(definition, platform, values) };
            case "InteractiveCommands" or "NonInteractiveCommands":
                var commands = ForPlatform(definition.Root["properties"])
                    ?? throw new NodeOpsException(ErrorIds.StepInputInvalid, ErrorCategory.InvalidData, record.Name, $"{record.Name} has no properties.{platform}.commands for this {node.PlatformType ?? "Linux"} node.");
                return new SessionDocumentPlan { Kind = NodeSessionKind.Command, Commands = commands, CommandsAreShell = platform != "windows" };
            default: // Port
                int Port(string name, int? fallback) => bound.TryGetValue(name, out var v) && int.TryParse(ParameterValues.Text(v), out var p) && p is >= 0 and < 65536
                    ? (p == 0 && name == "localPortNumber" ? FreeLocalPort() : p)
                    : fallback ?? throw new NodeOpsException(ErrorIds.DocumentParameterInvalid, ErrorCategory.InvalidArgument, record.Name, $"{record.Name} needs a port number in parameter '{name}'.");
                return new SessionDocumentPlan
                {
                    Kind = NodeSessionKind.PortForward,
                    RemotePort = Port("portNumber", null),
                    LocalPort = Port("localPortNumber", null),
                    RemoteHost = bound.TryGetValue("host", out var h) && ParameterValues.Text(h) is { Length: > 0 } host ? host : "localhost",
                };
        }
    }

    /// <summary>localPortNumber 0 means any free port, as in SSM.</summary>
    private static int FreeLocalPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? ShellProfileText(DocumentDefinition definition, string platform, Interpolator values) =>
        (definition.Root["inputs"] as DocMap)?["shellProfile"] is DocMap profile && profile[platform] is { } text ? values.Text(text) : null;

    private static string Lines(object? value) => value switch
    {
        string s => s,
        IEnumerable list => string.Join("\n", list.Cast<object?>().Select(ParameterValues.Text)),
        _ => ParameterValues.Text(value),
    };
}

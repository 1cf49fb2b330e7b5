using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Sessions;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>
/// Opens an audited session on a node: an interactive prompt in this console, one command (-Command /
/// -ScriptBlock), or a port forward (-LocalPort/-RemotePort). Every session is recorded with its transcript.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "NodeSession", DefaultParameterSetName = InteractiveSet, SupportsShouldProcess = true)]
[OutputType(typeof(NodeSessionRecord), typeof(PSObject))]
public sealed class StartNodeSessionCommand : NodeOpsCmdlet
{
    private const string InteractiveSet = "Interactive", CommandSet = "Command", ScriptBlockSet = "ScriptBlock", PortSet = "PortForward", DocumentSet = "Document";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId", "Name")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Why the session is opened; recorded (and required when preferences say so).</summary>
    [Parameter] public string? Reason { get; set; }

    /// <summary>Runs first in an interactive session (a shell profile: environment, location, aliases).</summary>
    [Parameter(ParameterSetName = InteractiveSet)]
    [Alias("ShellProfile")]
    public string? InitialCommand { get; set; }

    [Parameter(ParameterSetName = CommandSet, Mandatory = true)]
    public string Command { get; set; } = "";

    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter(ParameterSetName = PortSet, Mandatory = true)]
    [ValidateRange(1, 65535)]
    public int LocalPort { get; set; }

    [Parameter(ParameterSetName = PortSet, Mandatory = true)]
    [ValidateRange(1, 65535)]
    public int RemotePort { get; set; }

    /// <summary>The host the node connects to (default: the node itself, localhost).</summary>
    [Parameter(ParameterSetName = PortSet)]
    public string RemoteHost { get; set; } = "localhost";

    /// <summary>A Session document (schemaVersion 1.0): Standard_Stream, InteractiveCommands, NonInteractiveCommands or Port.</summary>
    [Parameter(ParameterSetName = DocumentSet, Mandatory = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string DocumentName { get; set; } = "";

    [Parameter(ParameterSetName = DocumentSet)]
    public string? DocumentVersion { get; set; }

    [Parameter(ParameterSetName = DocumentSet)]
    [Alias("Parameter")]
    public System.Collections.Hashtable? Parameters { get; set; }

    /// <summary>Also write the session record when the session ends.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    private readonly TargetCollector _targets = new();
    private readonly CancellationTokenSource _stop = new();
    private NodeSessionKind? _documentKind;
    private bool _shellCommands;

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing()
    {
        var nodes = Guard(() => _targets.Resolve(Catalog.Nodes, null, allWhenEmpty: false));
        if (nodes.Count != 1)
            Guard(() => throw new NodeOpsException(ErrorIds.NoTargetsMatched, ErrorCategory.InvalidArgument, NodeId,
                $"Start-NodeSession opens a session on one node; {nodes.Count} were given."));
        var node = nodes[0];
        if (ParameterSetName == DocumentSet)
        {
            var (doc, definition) = Guard(() => Catalog.Documents.Resolve(DocumentName, DocumentVersion));
            var plan = Guard(() => SessionDocumentPlan.Create(doc, definition, Parameters, node, Catalog.Parameters));
            (InitialCommand, Command, RemoteHost) = (plan.ShellProfile, plan.Commands ?? "", plan.RemoteHost);
            (LocalPort, RemotePort) = (plan.LocalPort ?? 0, plan.RemotePort ?? 0);
            _documentKind = plan.Kind;
            _shellCommands = plan.CommandsAreShell;
        }
        var kind = _documentKind ?? ParameterSetName switch { PortSet => NodeSessionKind.PortForward, InteractiveSet => NodeSessionKind.Interactive, _ => NodeSessionKind.Command };
        if (!ShouldProcess($"{node.Name} ({node.NodeId})", $"Start {kind} session")) return;

        var service = new NodeSessionService(Catalog);
        var record = Guard(() => service.Begin(node, kind, Reason, kind == NodeSessionKind.PortForward ? LocalPort : null,
            kind == NodeSessionKind.PortForward ? RemotePort : null, kind == NodeSessionKind.PortForward ? RemoteHost : null));
        NoteResult(record.SessionId);
        var (status, details) = (NodeSessionStatus.Failed, "");
        NodeOpsException? failure = null;
        try
        {
            (status, details) = kind switch
            {
                NodeSessionKind.PortForward => Forward(node, service, record),
                NodeSessionKind.Interactive => Interactive(node, service, record),
                _ => RunOne(node, service, record),
            };
        }
        catch (NodeOpsException ex)
        {
            (status, details, failure) = (NodeSessionStatus.Failed, ex.Message, ex);
        }
        catch (NodeConnectionException ex)
        {
            (status, details) = (NodeSessionStatus.Failed, ex.Message);
            failure = new NodeOpsException(ex.ErrorId, ErrorCategory.ConnectionError, node.NodeId, ex.Message, ex);
        }
        catch (PipelineStoppedException)
        {
            (status, details) = (NodeSessionStatus.Terminated, "Ctrl+C");
            throw;
        }
        finally
        {
            Guard(() => service.End(record, status, details));
        }
        if (failure is not null) Guard(() => throw failure);
        if (PassThru) WriteObject(record);
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _stop.Cancel();
    }

    private (NodeSessionStatus, string) Interactive(ManagedNode node, NodeSessionService service, NodeSessionRecord record)
    {
        var session = Acquire(node);
        try
        {
            Host.UI.WriteLine($"Session {record.SessionId} on {node.Name} ({node.NodeId}). Type 'exit' to leave.");
            return new InteractiveSession(session, service, record, new HostSessionConsole(Host.UI)).Run(InitialCommand, _stop.Token);
        }
        finally
        {
            NodeSessionPool.Shared.Release(session);
        }
    }

    private (NodeSessionStatus, string) RunOne(ManagedNode node, NodeSessionService service, NodeSessionRecord record)
    {
        var text = ParameterSetName == ScriptBlockSet ? ScriptBlock.ToString() : Command;
        var session = Acquire(node);
        try
        {
            service.Transcript.Typed("PS> ", text);
            var result = _shellCommands
                ? session.InvokeAsync(ps => ps.AddScript(RemoteScripts.RunShell).AddParameter("Script", text).AddParameter("TimeoutSeconds", 0), null, _stop.Token).GetAwaiter().GetResult()
                : session.InvokeAsync(ps => ps.AddScript(text), null, _stop.Token).GetAwaiter().GetResult();
            var output = _shellCommands
                ? result.Output.Select(o => (object)(o.Properties["StandardOutput"]?.Value as string ?? "") + (o.Properties["StandardError"]?.Value as string ?? "")).ToArray()
                : result.Output.Cast<object>().ToArray();
            service.Transcript.Printed(string.Concat(output.Select(o => o is PSObject ? ObjectText.Render(new[] { (PSObject)o }) : o.ToString())) + ObjectText.RenderErrors(result.Errors));
            foreach (var o in output) WriteObject(o);
            foreach (var e in result.Errors) WriteError(e);
            if (result.TerminatingError is { } t) WriteError(t);
            return result.Outcome switch
            {
                RemoteOutcome.Cancelled => (NodeSessionStatus.Terminated, "Ctrl+C"),
                _ when result.TerminatingError is not null => (NodeSessionStatus.Failed, result.TerminatingError.ToString()),
                _ => (NodeSessionStatus.Ended, "completed"),
            };
        }
        finally
        {
            NodeSessionPool.Shared.Release(session);
        }
    }

    private (NodeSessionStatus, string) Forward(ManagedNode node, NodeSessionService service, NodeSessionRecord record)
    {
        using var forwarder = PortForwarder.Start(node, ConnectionSettingsFor(null), LocalPort, RemotePort, RemoteHost, _stop.Token);
        var line = $"Forwarding 127.0.0.1:{LocalPort} to {RemoteHost}:{RemotePort} through {node.Name} (session {record.SessionId}); Ctrl+C or Stop-NodeSession ends it.";
        Host.UI.WriteLine(line);
        service.Transcript.Printed(line + Environment.NewLine);
        service.Save(record);
        while (true)
        {
            if (_stop.Token.WaitHandle.WaitOne(300)) return (NodeSessionStatus.Terminated, "Ctrl+C");
            if (forwarder.HasExited) return (NodeSessionStatus.Failed, "the tunnel closed: " + forwarder.Errors);
            if (service.MustEnd(record, DateTime.UtcNow) is { } why) return (NodeSessionStatus.Terminated, why);
        }
    }

    private NodeSession Acquire(ManagedNode node) =>
        NodeSessionPool.Shared.AcquireAsync(node, ConnectionSettingsFor(null), _stop.Token).GetAwaiter().GetResult();
}

using System.Management.Automation;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Sessions;

/// <summary>
/// An interactive prompt on a node: reads a line from the operator, runs it in the node's remote runspace,
/// prints the formatted output, and records both in the transcript. Ends on "exit", end of input, Ctrl+C,
/// Stop-NodeSession, the idle timeout or the maximum duration.
/// </summary>
public sealed class InteractiveSession
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);
    private readonly NodeSession _session;
    private readonly NodeSessionService _service;
    private readonly NodeSessionRecord _record;
    private readonly ISessionConsole _console;
    private Task<string?>? _pendingRead;

    public InteractiveSession(NodeSession session, NodeSessionService service, NodeSessionRecord record, ISessionConsole console)
    {
        _session = session;
        _service = service;
        _record = record;
        _console = console;
    }

    /// <summary>Runs until the session ends; returns the end status and how it ended.</summary>
    public (NodeSessionStatus Status, string Details) Run(string? initialCommand, CancellationToken ct)
    {
        var prompt = $"[{_record.NodeName}]: PS> ";
        if (initialCommand is not null) Execute(prompt, initialCommand, ct);
        var lastActivity = DateTime.UtcNow;
        while (true)
        {
            _console.Write(prompt);
            string? line;
            while (true)
            {
                _pendingRead ??= Task.Run(_console.ReadLine);
                if (_pendingRead.Wait(Poll))
                {
                    line = _pendingRead.Result;
                    _pendingRead = null;
                    break;
                }
                if (ct.IsCancellationRequested) return (NodeSessionStatus.Terminated, "Ctrl+C");
                if (_service.MustEnd(_record, lastActivity) is { } why) return (NodeSessionStatus.Terminated, why);
            }
            if (line is null) return (NodeSessionStatus.Ended, "end of input");
            lastActivity = DateTime.UtcNow;
            if (line.Trim() is "exit" or "Exit-PSSession")
            {
                _service.Transcript.Typed(prompt, line);
                return (NodeSessionStatus.Ended, "exit");
            }
            if (line.Trim().Length == 0) continue;
            if (!Execute(prompt, line, ct)) return (NodeSessionStatus.Failed, "the connection to the node was lost");
            if (ct.IsCancellationRequested) return (NodeSessionStatus.Terminated, "Ctrl+C");
        }
    }

    /// <summary>Runs one line; false when the session broke.</summary>
    private bool Execute(string prompt, string line, CancellationToken ct)
    {
        _service.Transcript.Typed(prompt, line);
        RemoteInvocationResult result;
        try
        {
            result = _session.InvokeAsync(ps => ps.AddScript(line).AddCommand("Out-String"), null, ct).GetAwaiter().GetResult();
        }
        catch (NodeConnectionException ex)
        {
            Print(ex.Message + Environment.NewLine, error: true);
            _service.Save(_record);
            return false;
        }
        var output = string.Concat(result.Output.Select(o => o?.ToString()));
        if (output.Length > 0) Print(output, error: false);
        var errors = ObjectText.RenderErrors(result.Errors) + (result.TerminatingError is { } t ? t + Environment.NewLine : "");
        if (errors.Length > 0) Print(errors, error: true);
        _service.Save(_record);
        return _session.Healthy;
    }

    private void Print(string text, bool error)
    {
        if (error) _console.WriteError(text);
        else _console.Write(text);
        _service.Transcript.Printed(text);
    }
}

using System.Management.Automation.Language;
using System.Text;

namespace NodeOps.Host;

/// <summary>The interactive prompt: multi-line input, Ctrl+C stops the running command, Enter-PSSession pushes a remote runspace.</summary>
internal sealed class Repl
{
    private readonly NodeOpsHost _host;
    private readonly ScriptRunner _runner;

    public Repl(NodeOpsHost host, ScriptRunner runner)
    {
        _host = host;
        _runner = runner;
    }

    public int Run()
    {
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            _runner.StopCurrent();
        };
        while (!_host.ShouldExit)
        {
            Console.Out.Write(_runner.Prompt());
            var input = ReadStatement();
            if (input is null) break;
            if (input.Trim().Length == 0) continue;
            if (input.Trim().Equals("exit", StringComparison.OrdinalIgnoreCase))
            {
                if (_host.IsRunspacePushed) { _runner.Invoke("Exit-PSSession", null, useOutDefault: false); _host.PopRunspace(); continue; }
                break;
            }
            _runner.Invoke(input, null);
        }
        return _host.ExitCode;
    }

    /// <summary>Reads lines until the parser says the statement is complete (open braces, here-strings, ...).</summary>
    private static string? ReadStatement()
    {
        var text = new StringBuilder();
        while (true)
        {
            var line = Console.ReadLine();
            if (line is null) return text.Length > 0 ? text.ToString() : null;
            text.AppendLine(line);
            Parser.ParseInput(text.ToString(), out _, out var errors);
            if (!errors.Any(e => e.IncompleteInput)) return text.ToString();
            Console.Out.Write(">> ");
        }
    }
}

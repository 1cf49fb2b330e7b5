using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NodeOps.Host;

/// <summary>Runs script text or a script file in the host's runspace, formatting output with Out-Default.</summary>
internal sealed class ScriptRunner : IDisposable
{
    private readonly NodeOpsHost _host;
    private readonly Runspace _runspace;
    private PowerShell? _current;

    public ScriptRunner(NodeOpsHost host, bool loadModule)
    {
        _host = host;
        var iss = InitialSessionState.CreateDefault2();
        if (loadModule && ModuleLocator.Find() is { } manifest) iss.ImportPSModule(manifest);
        _runspace = RunspaceFactory.CreateRunspace(host, iss);
        _runspace.Open();
        host.LocalRunspace = _runspace;
        Invoke(SessionFunctions.Script, null, useOutDefault: false);
    }

    /// <summary>Runs and returns true when the pipeline succeeded (no terminating error, $? true).</summary>
    public bool Invoke(string? script, string? file, bool useOutDefault = true, IEnumerable<string>? args = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _host.Runspace;
        if (file is not null)
        {
            ps.AddCommand(file);
            foreach (var a in args ?? Array.Empty<string>()) ps.AddArgument(a);
        }
        else
        {
            ps.AddScript(script!);
        }
        if (useOutDefault)
        {
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
        }
        _current = ps;
        try
        {
            ps.Invoke();
            return !ps.HadErrors;
        }
        catch (RuntimeException ex) when (ex is not PipelineStoppedException)
        {
            _host.UI.WriteErrorLine(ex.ErrorRecord?.ToString() ?? ex.Message);
            return false;
        }
        catch (PipelineStoppedException)
        {
            return false;
        }
        finally
        {
            _current = null;
        }
    }

    public void StopCurrent() => _current?.BeginStop(null, null);

    /// <summary>Evaluates the prompt function (or a default) in the current runspace.</summary>
    public string Prompt()
    {
        try
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _host.Runspace;
            ps.AddScript("if (Get-Command prompt -ErrorAction Ignore) { prompt } else { \"PS $($executionContext.SessionState.Path.CurrentLocation)> \" }");
            var text = string.Concat(ps.Invoke().Select(o => o?.ToString()));
            return _host.IsRunspacePushed ? $"[{ComputerName(_host.Runspace)}]: {text}" : text;
        }
        catch
        {
            return "PS> ";
        }
    }

    private static string ComputerName(Runspace r) => r.ConnectionInfo?.ComputerName ?? "remote";

    public void Dispose() => _runspace.Dispose();
}

using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;

namespace NodeOps.Core.Automation;

/// <summary>
/// aws:executeScript on the controller. PowerShell runs in a fresh runspace of this process's engine with
/// InputPayload's entries as the script's parameters (and as $InputPayload); with Handler, the script is
/// dot-sourced and the handler called with ($InputPayload, $null) as SSM does. What the script returns
/// (one object, or a list) is the step's output. python3.x runs when an interpreter is on PATH.
/// </summary>
internal static partial class ExecuteScriptStep
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*$")]
    private static partial Regex HandlerName();

    public static Task<object?> RunAsync(AutomationStepContext ctx, CancellationToken ct)
    {
        var runtime = ctx.Text("Runtime");
        var handler = ctx.Text("Handler");
        if (handler is not null && !HandlerName().IsMatch(handler)) throw ctx.Invalid($"Handler '{handler}' is not a function name.");
        var payload = ctx.Map("InputPayload");
        return ScriptRuntimes.IsPython(runtime)
            ? RunPythonAsync(ctx, ctx.Text("Script")!, handler, payload, ct)
            : RunPowerShellAsync(ctx, ctx.Text("Script")!, handler, payload, ct);
    }

    private static async Task<object?> RunPowerShellAsync(AutomationStepContext ctx, string script, string? handler, Dictionary<string, object?> payload, CancellationToken ct)
    {
        var input = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in payload) input[k] = ToPowerShell(v);
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("InputPayload", input);
        runspace.SessionStateProxy.SetVariable("__nodeopsScript", script);
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(handler is null
            ? "& ([scriptblock]::Create($__nodeopsScript)) @InputPayload"
            : $". ([scriptblock]::Create($__nodeopsScript)); {handler} $InputPayload $null");
        using var stop = ct.Register(() => { try { ps.BeginStop(null, null); } catch (Exception) { /* already ended */ } });
        PSDataCollection<PSObject> output;
        try
        {
            output = await ps.InvokeAsync().ConfigureAwait(false);
        }
        catch (PipelineStoppedException)
        {
            ct.ThrowIfCancellationRequested();
            throw;
        }
        catch (RuntimeException ex)
        {
            throw Failed(ctx, ex.ErrorRecord?.ToString() ?? ex.Message);
        }
        ct.ThrowIfCancellationRequested();
        if (ps.Streams.Error.Count > 0) throw Failed(ctx, string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
        var values = output.Where(o => o is not null).Select(o => PlainValues.From(o)).ToList();
        return values.Count switch { 0 => null, 1 => values[0], _ => values };
    }

    private static object? ToPowerShell(object? value) => value switch
    {
        Dictionary<string, object?> d => new Hashtable(d.ToDictionary(e => e.Key, e => ToPowerShell(e.Value)), StringComparer.OrdinalIgnoreCase),
        List<object?> l => l.Select(ToPowerShell).ToArray(),
        List<string> l => l.ToArray(),
        _ => value,
    };

    private const string PythonHost = """
        import json, sys
        payload = json.loads(sys.stdin.read())
        source = payload.pop("__script")
        handler = payload.pop("__handler")
        scope = {"__name__": "__nodeops__"}
        exec(compile(source, "<script>", "exec"), scope)
        result = scope[handler](payload, None) if handler else None
        sys.stdout.write("\n__NODEOPS_RESULT__" + json.dumps(result))
        """;

    private static async Task<object?> RunPythonAsync(AutomationStepContext ctx, string script, string? handler, Dictionary<string, object?> payload, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(PythonHost.Replace("\n        ", "\n"));
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new StepFailedException(ErrorIds.ActionNotSupported, $"Step '{ctx.Step.Name}': Runtime {ctx.Text("Runtime")} needs a python3 interpreter on the controller, and none was found.");
        }
        using (p)
        {
            var body = new Dictionary<string, object?>(payload) { ["__script"] = script, ["__handler"] = handler };
            await p.StandardInput.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync(ct);
            var stderr = p.StandardError.ReadToEndAsync(ct);
            try { await p.WaitForExitAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { p.Kill(true); throw; }
            var text = await stdout.ConfigureAwait(false);
            if (p.ExitCode != 0) throw Failed(ctx, (await stderr.ConfigureAwait(false)).Trim());
            var marker = text.LastIndexOf("__NODEOPS_RESULT__", StringComparison.Ordinal);
            return marker < 0 ? null : OutputSelector.Json(text[(marker + 18)..]) ?? JsonScalar(text[(marker + 18)..]);
        }
    }

    private static object? JsonScalar(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return OutputSelector.FromJson(doc.RootElement);
    }

    private static StepFailedException Failed(AutomationStepContext ctx, string message) =>
        new(ErrorIds.ScriptFailed, $"Step '{ctx.Step.Name}': the script failed: {SecretMask.Apply(message, ctx.Secrets)}");
}

using System.Diagnostics;
using Xunit;

namespace NodeOps.Tests.Infrastructure;

/// <summary>Runs a script in the nodeops host, as a user would, to see real formatted console output.</summary>
public static class HostProcess
{
    public static (int Code, string Out, string Err) Run(string script) => RunWith(script, null);

    /// <summary>Like <see cref="Run"/>, with extra environment variables (e.g. NODEOPS_CATALOG).</summary>
    public static (int Code, string Out, string Err) RunWith(string script, IReadOnlyDictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo(TestPaths.HostExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["COLUMNS"] = "160";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "host did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a script in a second nodeops process and returns at once (the caller waits or kills it).</summary>
    public static Background Start(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(TestPaths.HostExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["COLUMNS"] = "160";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        // Drain both streams so a chatty child never blocks on a full pipe; keep them for failure messages.
        p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new Background(p, output);
    }

    public sealed record Background(Process Process, System.Text.StringBuilder Output) : IDisposable
    {
        public string Text { get { lock (Output) return Output.ToString(); } }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}

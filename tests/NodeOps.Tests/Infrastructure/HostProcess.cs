using System.Diagnostics;
using Xunit;

namespace NodeOps.Tests.Infrastructure;

/// <summary>Runs a script in the nodeops host, as a user would, to see real formatted console output.</summary>
public static class HostProcess
{
    public static (int Code, string Out, string Err) Run(string script)
    {
        var psi = new ProcessStartInfo(TestPaths.HostExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["COLUMNS"] = "160";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "host did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

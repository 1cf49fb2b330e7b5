namespace NodeOps.Core.Execution;

/// <summary>
/// The PowerShell sent to nodes. They use only the language and .NET, not Utility/Management cmdlets,
/// so they run on any endpoint: pwsh, Windows PowerShell, or the nodeops host.
/// </summary>
public static class RemoteScripts
{
    public const string ExitCodeMarker = "__NodeOpsExitCode__";

    public const string ResetExitCode = "$global:LASTEXITCODE = 0";

    public static readonly string ReportExitCode = $"[pscustomobject]@{{ {ExitCodeMarker} = $global:LASTEXITCODE }}";

    /// <summary>
    /// Runs a shell script with /bin/bash (or /bin/sh), kills it at the deadline, and returns exit code
    /// and both streams. Runs in a loop so a stop request from the controller can interrupt it, and the
    /// finally block kills the process tree so nothing is left running on the node.
    /// </summary>
    public const string RunShell = """
param([string]$Script, [int]$TimeoutSeconds)
if ($IsWindows) { throw 'Shell scripts run on Linux and macOS nodes; use -ScriptBlock or -Command on Windows nodes.' }
$shell = if ([System.IO.File]::Exists('/bin/bash')) { '/bin/bash' } else { '/bin/sh' }
$psi = [System.Diagnostics.ProcessStartInfo]::new($shell)
$psi.ArgumentList.Add('-c')
$psi.ArgumentList.Add($Script)
$psi.RedirectStandardOutput = $true
$psi.RedirectStandardError = $true
$psi.RedirectStandardInput = $true
$psi.UseShellExecute = $false
# bash reads ~/.bashrc when SSH_CLIENT is set and SHLVL is under 2 (its "run by sshd" rule); scripts run
# without the user's rc files, as SSM's runShellScript does, and without their start-up cost.
if (([int]$psi.Environment['SHLVL']) -lt 1) { $psi.Environment['SHLVL'] = '1' }
$p = [System.Diagnostics.Process]::Start($psi)
$p.StandardInput.Close()
$out = $p.StandardOutput.ReadToEndAsync()
$err = $p.StandardError.ReadToEndAsync()
$deadline = if ($TimeoutSeconds -gt 0) { [DateTime]::UtcNow.AddSeconds($TimeoutSeconds) } else { [DateTime]::MaxValue }
$timedOut = $false
try {
    while (-not $p.WaitForExit(50)) {
        if ([DateTime]::UtcNow -ge $deadline) { $timedOut = $true; $p.Kill($true); $null = $p.WaitForExit(5000); break }
    }
    if (-not $timedOut) { $p.WaitForExit() }
    [pscustomobject]@{
        ExitCode = if ($timedOut) { $null } else { $p.ExitCode }
        TimedOut = $timedOut
        StandardOutput = $out.GetAwaiter().GetResult()
        StandardError = $err.GetAwaiter().GetResult()
    }
}
finally {
    if (-not $p.HasExited) { try { $p.Kill($true) } catch { } }
    $p.Dispose()
}
""";

    /// <summary>What Test-ManagedNode asks a node about itself.</summary>
    public const string Probe = """
$platform = if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'MacOS' } else { 'Linux' }
$name = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
$version = [Environment]::OSVersion.Version.ToString()
if ($IsLinux -and [System.IO.File]::Exists('/etc/os-release')) {
    foreach ($line in [System.IO.File]::ReadAllLines('/etc/os-release')) {
        if ($line -match '^NAME="?([^"]*)"?$') { $name = $Matches[1] }
        elseif ($line -match '^VERSION_ID="?([^"]*)"?$') { $version = $Matches[1] }
    }
}
[pscustomobject]@{
    PlatformType = $platform
    PlatformName = $name
    PlatformVersion = $version
    ComputerName = [Environment]::MachineName
    PSVersion = $PSVersionTable.PSVersion.ToString()
}
""";
}

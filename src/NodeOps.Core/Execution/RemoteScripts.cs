namespace NodeOps.Core.Execution;

/// <summary>
/// The PowerShell sent to nodes. They use only the language and .NET, not Utility/Management cmdlets,
/// so they run on any endpoint: pwsh, Windows PowerShell, or the nodeops host.
/// </summary>
public static class RemoteScripts
{
    public const string ExitCodeMarker = "__NodeOpsExitCode__";

    /// <summary>One POSIX shell word that reads back as exactly this text.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    public const string ResetExitCode = "$global:LASTEXITCODE = 0";

    public static readonly string ReportExitCode = $"[pscustomobject]@{{ {ExitCodeMarker} = $global:LASTEXITCODE }}";

    /// <summary>
    /// Runs a shell script with /bin/bash (or /bin/sh), kills it at the deadline, and returns exit code
    /// and both streams. Runs in a loop so a stop request from the controller can interrupt it, and the
    /// finally block kills the process tree so nothing is left running on the node.
    /// </summary>
    public const string RunShell = """
param([string]$Script, [int]$TimeoutSeconds, [string]$WorkingDirectory)
if ($IsWindows) { throw 'Shell scripts run on Linux and macOS nodes; use -ScriptBlock or -Command on Windows nodes.' }
$shell = if ([System.IO.File]::Exists('/bin/bash')) { '/bin/bash' } else { '/bin/sh' }
$psi = [System.Diagnostics.ProcessStartInfo]::new($shell)
# The script travels in the environment, not on the command line, where any user of the node could read
# it (with whatever secrets a document put in it); the shell unsets it before running it.
$psi.ArgumentList.Add('-c')
$psi.ArgumentList.Add('__nodeops_script=$NODEOPS_SCRIPT; unset NODEOPS_SCRIPT; eval "$__nodeops_script"')
$psi.Environment['NODEOPS_SCRIPT'] = $Script
$psi.RedirectStandardOutput = $true
$psi.RedirectStandardError = $true
$psi.RedirectStandardInput = $true
$psi.UseShellExecute = $false
if ($WorkingDirectory) {
    if (-not [System.IO.Directory]::Exists($WorkingDirectory)) { throw "The working directory '$WorkingDirectory' does not exist on this node." }
    $psi.WorkingDirectory = $WorkingDirectory
}
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

    public const string SetLocation = """
param([string]$Path)
$null = $ExecutionContext.SessionState.Path.SetLocation($Path)
""";

    public const string Platform = "if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'MacOS' } else { 'Linux' }";

    /// <summary>Writes one chunk of a controller file on the node; returns the full path written.</summary>
    public const string WriteFileChunk = """
param([string]$Destination, [string]$Relative, [bool]$SourceIsDirectory, [byte[]]$Bytes, [bool]$First, [bool]$Overwrite, [int]$Mode)
if (-not $Destination) { $Destination = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'nodeops-downloads'); $SourceIsDirectory = $true }
$intoFolder = $SourceIsDirectory -or $Destination.EndsWith('/') -or $Destination.EndsWith('\') -or [System.IO.Directory]::Exists($Destination)
$target = if ($intoFolder) { [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($Destination, $Relative)) } else { [System.IO.Path]::GetFullPath($Destination) }
$dir = [System.IO.Path]::GetDirectoryName($target)
if ($dir) { $null = [System.IO.Directory]::CreateDirectory($dir) }
if ($First -and -not $Overwrite -and [System.IO.File]::Exists($target)) { throw "'$target' already exists and overwrite is false." }
$fileMode = if ($First) { [System.IO.FileMode]::Create } else { [System.IO.FileMode]::Append }
$stream = [System.IO.FileStream]::new($target, $fileMode)
try { $stream.Write($Bytes, 0, $Bytes.Length) } finally { $stream.Dispose() }
if ($First -and $Mode -ge 0 -and -not $IsWindows) { [System.IO.File]::SetUnixFileMode($target, [System.IO.UnixFileMode]$Mode) }
$target
""";

    /// <summary>aws:downloadContent from HTTP(S): the node fetches the URL itself.</summary>
    public const string Download = """
param([string]$Url, [string]$Destination, [int]$TimeoutSeconds)
$name = [System.IO.Path]::GetFileName(([Uri]$Url).AbsolutePath)
if (-not $name) { $name = 'download' }
if (-not $Destination) { $Destination = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'nodeops-downloads') + '/' }
$intoFolder = $Destination.EndsWith('/') -or $Destination.EndsWith('\') -or [System.IO.Directory]::Exists($Destination)
$target = if ($intoFolder) { [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($Destination, $name)) } else { [System.IO.Path]::GetFullPath($Destination) }
$dir = [System.IO.Path]::GetDirectoryName($target)
if ($dir) { $null = [System.IO.Directory]::CreateDirectory($dir) }
$client = [System.Net.Http.HttpClient]::new()
$client.Timeout = [TimeSpan]::FromSeconds([Math]::Max(1, $TimeoutSeconds))
try {
    $response = $client.GetAsync($Url).GetAwaiter().GetResult()
    if (-not $response.IsSuccessStatusCode) { throw "GET $Url returned $([int]$response.StatusCode) $($response.ReasonPhrase)." }
    $bytes = $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
    [System.IO.File]::WriteAllBytes($target, $bytes)
    "Downloaded $($bytes.Length) bytes from $Url to $target"
}
finally { $client.Dispose() }
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

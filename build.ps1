<#
.SYNOPSIS
    Builds the NodeOps module (and the nodeops host), compiles help, and runs the tests.
.DESCRIPTION
    Works in pwsh 7.6+ and in the project's own host (`nodeops -File build.ps1`), so it uses only the
    engine's core cmdlets and .NET: no Utility or Management cmdlets.
.EXAMPLE
    ./build.ps1                 # build and stage out/NodeOps and out/host
.EXAMPLE
    ./build.ps1 -Task Test      # the full test run (Linux: needs root for the test fleet)
#>
param(
    [ValidateSet('Build', 'Help', 'Test')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Copy-Into([string] $Source, [string] $Folder) {
    [System.IO.Directory]::CreateDirectory($Folder) | Out-Null
    [System.IO.File]::Copy($Source, [System.IO.Path]::Combine($Folder, [System.IO.Path]::GetFileName($Source)), $true)
}

function Get-ExportedCmdlets {
    $manifest = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'NodeOps.psd1'))
    $block = [regex]::Match($manifest, "CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value
    ([regex]::Matches($block, "'([A-Za-z-]+)'") | ForEach-Object { $_.Groups[1].Value }) -join ','
}

if ($Task -eq 'Test') {
    if ($IsWindows) { throw 'The test suite runs its real sshd fleet in Linux network namespaces; run it on Linux.' }
    Invoke-Native 'bash' @([System.IO.Path]::Combine($root, 'tests', 'run-tests.sh'))
    return
}

Invoke-Native 'dotnet' @('build', [System.IO.Path]::Combine($root, 'NodeOps.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet')

$help = [System.IO.Path]::Combine($root, 'en-US', 'NodeOps.dll-Help.xml')
Invoke-Native 'dotnet' @('run', '--project', [System.IO.Path]::Combine($root, 'tools', 'HelpBuilder'), '-c', $Configuration, '--no-build', '--',
    '--docs', [System.IO.Path]::Combine($root, 'docs'), '--out', $help, '--check-cmdlets', (Get-ExportedCmdlets))
if ($Task -eq 'Help') { return }

$bin = [System.IO.Path]::Combine($root, 'src', 'NodeOps', 'bin', $Configuration, 'net10.0')
$module = [System.IO.Path]::Combine($root, 'out', 'NodeOps')
$hostOut = [System.IO.Path]::Combine($root, 'out', 'host')
foreach ($dir in $module, $hostOut) { if ([System.IO.Directory]::Exists($dir)) { [System.IO.Directory]::Delete($dir, $true) } }
Copy-Into ([System.IO.Path]::Combine($bin, 'NodeOps.dll')) $module
Copy-Into ([System.IO.Path]::Combine($root, 'src', 'NodeOps.Loader', 'bin', $Configuration, 'net10.0', 'NodeOps.Loader.dll')) $module
foreach ($dll in 'NodeOps.Core', 'LiteDB', 'YamlDotNet', 'Cronos', 'Ical.Net', 'NodaTime') {
    Copy-Into ([System.IO.Path]::Combine($bin, "$dll.dll")) ([System.IO.Path]::Combine($module, 'dependencies'))
}
Copy-Into ([System.IO.Path]::Combine($root, 'NodeOps.psd1')) $module
Copy-Into ([System.IO.Path]::Combine($root, 'src', 'NodeOps', 'NodeOps.format.ps1xml')) $module
Copy-Into $help ([System.IO.Path]::Combine($module, 'en-US'))
# Conceptual topics: Get-Help about_NodeOps_* reads <module>/en-US/about_*.help.txt; the markdown reads fine as text.
foreach ($topic in [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($root, 'docs'), 'about_*.md')) {
    $name = [System.IO.Path]::GetFileNameWithoutExtension($topic) + '.help.txt'
    [System.IO.File]::Copy($topic, [System.IO.Path]::Combine($module, 'en-US', $name), $true)
}

# Published ReadyToRun (precompiled, as pwsh ships), so each remoting session starts faster.
$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
Invoke-Native 'dotnet' @('publish', [System.IO.Path]::Combine($root, 'src', 'NodeOps.Host'), '-c', $Configuration, '-r', $rid,
    '--self-contained', 'false', '-p:PublishReadyToRun=true', '--nologo', '-v', 'quiet', '-o', $hostOut)
$launcher = if ($IsWindows) { 'NodeOps.Host.exe' } else { 'NodeOps.Host' }
[System.IO.File]::Copy([System.IO.Path]::Combine($hostOut, $launcher), [System.IO.Path]::Combine($hostOut, $(if ($IsWindows) { 'nodeops.exe' } else { 'nodeops' })), $true)
if (-not $IsWindows) { [System.IO.File]::SetUnixFileMode([System.IO.Path]::Combine($hostOut, 'nodeops'), [System.IO.UnixFileMode]'UserRead,UserWrite,UserExecute,GroupRead,GroupExecute,OtherRead,OtherExecute') }
"Staged module: $module"
"Staged host:   $([System.IO.Path]::Combine($hostOut, 'nodeops'))"

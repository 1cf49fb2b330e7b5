namespace NodeOps.Core.Inventory;

/// <summary>
/// The PowerShell that gathers inventory on a node. Like the other remote scripts it uses only the
/// language, .NET and the platform's own tools (dpkg-query, rpm, systemctl), so it runs on any endpoint.
/// It returns one object per type: TypeName, Scheme (how its versions order) and Rows (hashtables of strings).
/// </summary>
public static class InventoryScripts
{
    public const string Gather = """
param([bool]$Applications, [bool]$Services, [bool]$Network, [bool]$WindowsUpdates, [bool]$CustomInventory, [object[]]$Files, [int]$MaxFiles)
function Run([string]$exe, [string[]]$argv) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
    foreach ($a in $argv) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
    try { $p = [System.Diagnostics.Process]::Start($psi) } catch { return $null }
    $out = $p.StandardOutput.ReadToEnd(); $null = $p.StandardError.ReadToEnd(); $p.WaitForExit()
    if ($p.ExitCode -ne 0) { return $null }
    $out
}
function Which([string]$name) {
    foreach ($d in ($env:PATH -split ':')) { if ($d -and [System.IO.File]::Exists("$d/$name")) { return "$d/$name" } }
    $null
}
$platform = if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'MacOS' } else { 'Linux' }

# Node information
$info = [ordered]@{
    ComputerName = [Environment]::MachineName; PlatformType = $platform
    PlatformName = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription; PlatformVersion = [Environment]::OSVersion.Version.ToString()
    KernelVersion = [Environment]::OSVersion.VersionString; Architecture = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()
    CpuCount = [string][Environment]::ProcessorCount; MemoryMB = ''; UptimeSeconds = [string][int]([Environment]::TickCount64 / 1000)
    PSVersion = $PSVersionTable.PSVersion.ToString(); IPAddresses = ''
}
if ($IsLinux) {
    if ([System.IO.File]::Exists('/etc/os-release')) {
        foreach ($line in [System.IO.File]::ReadAllLines('/etc/os-release')) {
            if ($line -match '^NAME="?([^"]*)"?$') { $info.PlatformName = $Matches[1] }
            elseif ($line -match '^VERSION_ID="?([^"]*)"?$') { $info.PlatformVersion = $Matches[1] }
        }
    }
    if ([System.IO.File]::Exists('/proc/sys/kernel/osrelease')) { $info.KernelVersion = [System.IO.File]::ReadAllText('/proc/sys/kernel/osrelease').Trim() }
    foreach ($line in [System.IO.File]::ReadAllLines('/proc/meminfo')) { if ($line -match '^MemTotal:\s+(\d+)') { $info.MemoryMB = [string][int]([long]$Matches[1] / 1024) } }
    $info.UptimeSeconds = [string][int][double]([System.IO.File]::ReadAllText('/proc/uptime').Split(' ')[0])
}
$addresses = foreach ($nic in [System.Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces()) {
    if ($nic.NetworkInterfaceType -eq 'Loopback') { continue }
    foreach ($u in $nic.GetIPProperties().UnicastAddresses) { $u.Address.ToString() }
}
$info.IPAddresses = ($addresses -join ',')
[pscustomobject]@{ TypeName = 'NodeOps:NodeInformation'; Scheme = ''; Rows = @($info) }

if ($Applications) {
    $rows = [System.Collections.Generic.List[object]]::new(); $scheme = ''
    if (Which 'dpkg-query') {
        $scheme = 'Debian'
        $text = Run 'dpkg-query' @('-W', '-f', '${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\t${Maintainer}\t${Installed-Size}\n')
        foreach ($line in ($text -split "`n")) {
            $f = $line.Split("`t"); if ($f.Count -lt 6 -or -not $f[0].StartsWith('ii')) { continue }
            $rows.Add([ordered]@{ Name = $f[1]; Version = $f[2]; Architecture = $f[3]; Publisher = $f[4]; InstalledSizeKB = $f[5]; PackageManager = 'dpkg' })
        }
    }
    elseif (Which 'rpm') {
        $scheme = 'Rpm'
        $text = Run 'rpm' @('-qa', '--qf', '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\t%{VENDOR}\t%{INSTALLTIME}\n')
        foreach ($line in ($text -split "`n")) {
            $f = $line.Split("`t"); if ($f.Count -lt 5) { continue }
            $installed = [DateTimeOffset]::FromUnixTimeSeconds([long]$f[4]).UtcDateTime.ToString('o')
            $rows.Add([ordered]@{ Name = $f[0]; Version = $f[1]; Architecture = $f[2]; Publisher = $f[3]; InstalledTime = $installed; PackageManager = 'rpm' })
        }
    }
    elseif ($IsWindows) {
        $scheme = 'Windows'
        foreach ($root in 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall') {
            foreach ($k in (Get-ChildItem $root -ErrorAction SilentlyContinue)) {
                $p = Get-ItemProperty $k.PSPath
                if ($p.DisplayName) { $rows.Add([ordered]@{ Name = $p.DisplayName; Version = [string]$p.DisplayVersion; Architecture = ''; Publisher = [string]$p.Publisher; InstalledTime = [string]$p.InstallDate; PackageManager = 'msi' }) }
            }
        }
    }
    [pscustomobject]@{ TypeName = 'AWS:Application'; Scheme = $scheme; Rows = $rows.ToArray() }
}

if ($Services) {
    $rows = [System.Collections.Generic.List[object]]::new()
    $units = if (Which 'systemctl') { Run 'systemctl' @('list-unit-files', '--type=service', '--no-legend', '--no-pager') } else { $null }
    if ($units) {
        $active = Run 'systemctl' @('list-units', '--type=service', '--all', '--no-legend', '--no-pager', '--plain')
        $state = @{}
        foreach ($line in ($active -split "`n")) { $f = $line -split '\s+'; if ($f.Count -ge 4) { $state[$f[0]] = $f[3] } }
        foreach ($line in ($units -split "`n")) {
            $f = $line -split '\s+'; if ($f.Count -lt 2 -or -not $f[0].EndsWith('.service')) { continue }
            $rows.Add([ordered]@{ Name = $f[0]; Status = $(if ($state.ContainsKey($f[0])) { $state[$f[0]] } else { 'inactive' }); StartType = $f[1]; Manager = 'systemd' })
        }
    }
    elseif ($IsWindows) {
        foreach ($s in (Get-Service)) { $rows.Add([ordered]@{ Name = $s.Name; Status = [string]$s.Status; StartType = [string]$s.StartType; Manager = 'scm' }) }
    }
    elseif ([System.IO.Directory]::Exists('/etc/init.d')) {
        # No systemd (a container or an old init): SysV scripts, with the state only as far as a pid file tells.
        foreach ($f in [System.IO.Directory]::GetFiles('/etc/init.d')) {
            $name = [System.IO.Path]::GetFileName($f)
            if ($name -in 'README', 'skeleton', 'rc', 'rcS') { continue }
            $pidFile = "/run/$name.pid"
            $status = 'unknown'
            if ([System.IO.File]::Exists($pidFile)) {
                $procId = [System.IO.File]::ReadAllText($pidFile).Trim()
                $status = if ([System.IO.Directory]::Exists("/proc/$procId")) { 'running' } else { 'stopped' }
            }
            $rows.Add([ordered]@{ Name = $name; Status = $status; StartType = 'sysv'; Manager = 'sysv' })
        }
    }
    [pscustomobject]@{ TypeName = 'AWS:Service'; Scheme = ''; Rows = $rows.ToArray() }
}

if ($WindowsUpdates -and $IsWindows) {
    $rows = foreach ($kb in (Get-CimInstance -ClassName Win32_QuickFixEngineering -ErrorAction SilentlyContinue)) {
        $installed = if ($kb.InstalledOn) { ([datetime]$kb.InstalledOn).ToString('o') } else { '' }
        [ordered]@{ HotFixId = [string]$kb.HotFixID; Description = [string]$kb.Description; InstalledOn = $installed; InstalledBy = [string]$kb.InstalledBy }
    }
    [pscustomobject]@{ TypeName = 'AWS:WindowsUpdate'; Scheme = ''; Rows = @($rows) }
}

if ($CustomInventory) {
    # Custom inventory files the node keeps itself (SSM's customInventory): JSON, parsed by the controller.
    $folder = if ($IsWindows) { [System.IO.Path]::Combine($env:ProgramData, 'NodeOps', 'inventory', 'custom') } else { '/var/lib/nodeops/inventory/custom' }
    $rows = if ([System.IO.Directory]::Exists($folder)) {
        foreach ($f in [System.IO.Directory]::GetFiles($folder, '*.json')) { [ordered]@{ Path = $f; Text = [System.IO.File]::ReadAllText($f) } }
    }
    [pscustomobject]@{ TypeName = 'NodeOps:CustomInventoryFiles'; Scheme = ''; Rows = @($rows) }
}

if ($Network) {
    $rows = foreach ($nic in [System.Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces()) {
        $props = $nic.GetIPProperties()
        $v4 = @($props.UnicastAddresses | Where-Object { $_.Address.AddressFamily -eq 'InterNetwork' } | ForEach-Object { "$($_.Address)/$($_.PrefixLength)" })
        $v6 = @($props.UnicastAddresses | Where-Object { $_.Address.AddressFamily -eq 'InterNetworkV6' } | ForEach-Object { "$($_.Address)/$($_.PrefixLength)" })
        $mac = $nic.GetPhysicalAddress().ToString()
        if ($mac.Length -eq 12) { $mac = ($mac -split '(..)' | Where-Object { $_ }) -join ':' }
        [ordered]@{
            Name = $nic.Name; Type = $nic.NetworkInterfaceType.ToString(); State = $nic.OperationalStatus.ToString(); MacAddress = $mac
            IPV4 = ($v4 -join ','); IPV6 = ($v6 -join ',')
            Gateway = (@($props.GatewayAddresses | ForEach-Object { $_.Address.ToString() }) -join ',')
            DnsServers = (@($props.DnsAddresses | ForEach-Object { $_.ToString() }) -join ',')
        }
    }
    [pscustomobject]@{ TypeName = 'AWS:Network'; Scheme = ''; Rows = @($rows) }
}

if ($Files) {
    $rows = [System.Collections.Generic.List[object]]::new()
    foreach ($spec in $Files) {
        $root = [string]$spec.Path; $maxDepth = [int]$spec.MaxDepth
        $patterns = @($spec.Patterns)
        if (-not [System.IO.Directory]::Exists($root)) { continue }
        $regexes = foreach ($p in $patterns) { '^' + [regex]::Escape($p).Replace('\*\*/', '(.*/)?').Replace('\*\*', '.*').Replace('\*', '[^/]*').Replace('\?', '[^/]') + '$' }
        $queue = [System.Collections.Generic.Queue[object]]::new()
        $queue.Enqueue(@($root, 0))
        while ($queue.Count -gt 0 -and $rows.Count -lt $MaxFiles) {
            $item = $queue.Dequeue(); $dir = $item[0]; $depth = $item[1]
            try { $entries = [System.IO.Directory]::GetFileSystemEntries($dir) } catch { continue }
            foreach ($e in $entries) {
                $attr = [System.IO.File]::GetAttributes($e)
                if ($attr.HasFlag([System.IO.FileAttributes]::Directory)) {
                    if ($depth -lt $maxDepth -and -not $attr.HasFlag([System.IO.FileAttributes]::ReparsePoint)) { $queue.Enqueue(@($e, $depth + 1)) }
                    continue
                }
                $relative = [System.IO.Path]::GetRelativePath($root, $e).Replace('\', '/')
                $matched = $false
                foreach ($r in $regexes) { if ($relative -match $r) { $matched = $true; break } }
                if (-not $matched) { continue }
                $fi = [System.IO.FileInfo]::new($e)
                $hash = ''
                if ($fi.Length -le 256MB) {
                    try { $s = $fi.OpenRead(); try { $hash = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($s)).ToLowerInvariant() } finally { $s.Dispose() } } catch { }
                }
                $rows.Add([ordered]@{ Name = $fi.Name; Path = $fi.FullName; Size = [string]$fi.Length; ModifiedTime = $fi.LastWriteTimeUtc.ToString('o'); Sha256 = $hash })
                if ($rows.Count -ge $MaxFiles) { break }
            }
        }
    }
    [pscustomobject]@{ TypeName = 'AWS:File'; Scheme = ''; Rows = $rows.ToArray() }
}
""";
}

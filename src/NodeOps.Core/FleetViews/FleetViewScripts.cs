namespace NodeOps.Core.FleetViews;

/// <summary>
/// The read-only PowerShell the fleet views run on nodes. Like the other remote scripts they use only the
/// language and .NET (no Utility or Management cmdlets), so they run on any endpoint, pwsh or nodeops.
/// Each returns hashtables of plain values; a problem is thrown as a message (Write-Error is a Utility cmdlet).
/// </summary>
public static class FleetViewScripts
{
    public const string Processes = """
param([string[]]$Name)
foreach ($p in [System.Diagnostics.Process]::GetProcesses()) {
    if ($Name -and -not ($Name | Where-Object { $p.ProcessName -like $_ })) { continue }
    $cpu = try { [math]::Round($p.TotalProcessorTime.TotalSeconds, 2) } catch { $null }
    $start = try { $p.StartTime.ToUniversalTime().ToString('o') } catch { '' }
    $cmd = ''
    if ($IsLinux) { try { $cmd = ([System.IO.File]::ReadAllText("/proc/$($p.Id)/cmdline") -replace "`0", ' ').Trim() } catch { } }
    @{ Id = $p.Id; Name = $p.ProcessName; CpuSeconds = $cpu; WorkingSetMB = [math]::Round($p.WorkingSet64 / 1MB, 1); StartTime = $start; CommandLine = $cmd }
}
""";

    public const string Files = """
param([string]$Path)
if ([System.IO.Directory]::Exists($Path)) { $items = ([System.IO.DirectoryInfo]::new($Path)).EnumerateFileSystemInfos() }
elseif ([System.IO.File]::Exists($Path)) { $items = @([System.IO.FileInfo]::new($Path)) }
else { throw "No file or directory at '$Path'." }
function Permissions([int]$mode) { -join (0..8 | ForEach-Object { if ($mode -band (1 -shl (8 - $_))) { 'rwxrwxrwx'[$_] } else { '-' } }) }
foreach ($i in $items) {
    $dir = $i -is [System.IO.DirectoryInfo]
    @{
        Name = $i.Name; FullName = $i.FullName; IsDirectory = $dir; Length = $(if ($dir) { 0 } else { $i.Length })
        LastWriteTime = $i.LastWriteTimeUtc.ToString('o'); Mode = $(if ($IsWindows) { [string]$i.Attributes } else { Permissions ([int]$i.UnixFileMode) })
        LinkTarget = [string]$i.LinkTarget
    }
}
""";

    /// <summary>
    /// Offset below 0: the last Tail lines (all lines when Tail is 0, up to MaxBytes). Offset 0 or more: the
    /// complete lines added since that byte offset (from the start again if the file got shorter: rotated).
    /// Returns one hashtable: Length (the offset to ask from next time) and Lines.
    /// </summary>
    public const string FileContent = """
param([string]$Path, [int]$Tail, [long]$Offset, [long]$MaxBytes)
if (-not [System.IO.File]::Exists($Path)) { throw "No file at '$Path'." }
$fs = [System.IO.FileStream]::new($Path, 'Open', 'Read', 'ReadWrite, Delete')
try {
    $length = $fs.Length
    if ($Offset -ge 0) {
        if ($Offset -gt $length) { $Offset = 0 }
        $count = [math]::Min($length - $Offset, $MaxBytes)
        $buffer = [byte[]]::new($count)
        $null = $fs.Seek($Offset, 'Begin'); $read = 0
        while ($read -lt $count) { $n = $fs.Read($buffer, $read, $count - $read); if ($n -le 0) { break }; $read += $n }
        $end = if ($read -gt 0) { [array]::LastIndexOf($buffer, [byte]10, $read - 1) } else { -1 }
        if ($end -lt 0) { return @{ Length = $Offset; Lines = @() } }
        $text = [System.Text.Encoding]::UTF8.GetString($buffer, 0, $end)
        return @{ Length = $Offset + $end + 1; Lines = @($text -split "`r?`n") }
    }
    if ($Tail -le 0 -and $length -gt $MaxBytes) { throw "'$Path' is $length bytes, more than $MaxBytes to read at once: use -Tail." }
    # Read back from the end, a larger piece each time, until it holds enough lines.
    $want = 65536
    while ($true) {
        $size = [math]::Min($length, [math]::Min($want, $MaxBytes))
        $buffer = [byte[]]::new($size); $null = $fs.Seek($length - $size, 'Begin'); $read = 0
        while ($read -lt $size) { $n = $fs.Read($buffer, $read, $size - $read); if ($n -le 0) { break }; $read += $n }
        $lines = [System.Collections.Generic.List[string]]::new([string[]]([System.Text.Encoding]::UTF8.GetString($buffer, 0, $read) -split "`r?`n"))
        if ($lines.Count -gt 0 -and $lines[$lines.Count - 1] -eq '') { $lines.RemoveAt($lines.Count - 1) }
        if ($size -ge $length -or $size -ge $MaxBytes -or ($Tail -gt 0 -and $lines.Count -gt $Tail)) { break }
        $want *= 4
    }
    # A piece that starts mid-file starts mid-line.
    if ($size -lt $length -and $lines.Count -gt 0) { $lines.RemoveAt(0) }
    if ($Tail -gt 0 -and $lines.Count -gt $Tail) { $lines.RemoveRange(0, $lines.Count - $Tail) }
    @{ Length = $length; Lines = $lines.ToArray() }
}
finally { $fs.Dispose() }
""";

    public const string DiskUsage = """
# Pseudo and in-memory file systems are not disks.
$pseudo = 'proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'cgroup', 'cgroup2', 'nsfs', 'securityfs', 'debugfs', 'tracefs',
    'mqueue', 'hugetlbfs', 'pstore', 'bpf', 'configfs', 'fusectl', 'autofs', 'binfmt_misc', 'squashfs', 'ramfs', 'efivarfs'
foreach ($d in [System.IO.DriveInfo]::GetDrives()) {
    try { if (-not $d.IsReady -or $d.TotalSize -le 0 -or $pseudo -contains $d.DriveFormat) { continue } } catch { continue }
    @{
        Name = $d.Name; FileSystem = $d.DriveFormat; DriveType = [string]$d.DriveType
        SizeGB = [math]::Round($d.TotalSize / 1GB, 2); FreeGB = [math]::Round($d.AvailableFreeSpace / 1GB, 2)
        UsedPercent = [math]::Round(100 * ($d.TotalSize - $d.TotalFreeSpace) / $d.TotalSize, 1)
    }
}
""";
}

# Compliance check: every local file system is under 90% full (one result per mount point).
$limit = 90
$skip = 'proc', 'sysfs', 'tmpfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'mqueue', 'debugfs', 'tracefs', 'securityfs', 'pstore', 'bpf', 'autofs', 'hugetlbfs', 'fusectl', 'configfs', 'binfmt_misc', 'nsfs', 'overlay_lower'
foreach ($drive in [System.IO.DriveInfo]::GetDrives()) {
    try {
        if (-not $drive.IsReady -or $drive.TotalSize -le 0 -or $drive.DriveFormat -in $skip) { continue }
        $used = [math]::Round(100 * ($drive.TotalSize - $drive.AvailableFreeSpace) / $drive.TotalSize, 1)
    } catch { continue }
    [pscustomobject]@{
        Id       = "disk-usage:$($drive.Name)"
        Title    = "$($drive.Name) is under $limit% full"
        Passed   = $used -lt $limit
        Severity = if ($used -ge 98) { 'CRITICAL' } else { 'MEDIUM' }
        Details  = @{ UsedPercent = $used; FileSystem = $drive.DriveFormat; FreeMB = [math]::Floor($drive.AvailableFreeSpace / 1MB) }
    }
}

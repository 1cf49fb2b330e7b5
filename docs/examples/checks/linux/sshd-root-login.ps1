# Compliance check: SSH root login with a password is off.
# sshd uses the first value it reads for a keyword, so the first PermitRootLogin line (sshd_config.d files
# included before the main file, as Debian's Include line does) decides; with none, OpenSSH's default is
# prohibit-password. Sites that forbid root login altogether keep only 'no' in $allowed.
$allowed = 'no', 'prohibit-password', 'without-password'
$files = @()
if ([System.IO.Directory]::Exists('/etc/ssh/sshd_config.d')) { $files += [System.IO.Directory]::GetFiles('/etc/ssh/sshd_config.d', '*.conf') }
$files += '/etc/ssh/sshd_config'
$value = $null; $source = 'OpenSSH default'
foreach ($file in $files) {
    if ($null -ne $value -or -not [System.IO.File]::Exists($file)) { continue }
    foreach ($line in [System.IO.File]::ReadAllLines($file)) {
        if ($line -match '^\s*PermitRootLogin\s+(\S+)') { $value = $Matches[1].ToLowerInvariant(); $source = $file; break }
    }
}
if ($null -eq $value) { $value = 'prohibit-password' }
[pscustomobject]@{
    Id       = 'sshd-root-login'
    Title    = 'SSH root login with a password is off'
    Passed   = $value -in $allowed
    Severity = 'HIGH'
    Details  = @{ PermitRootLogin = $value; Source = $source }
}

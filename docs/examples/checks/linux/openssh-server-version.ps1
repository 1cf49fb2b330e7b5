# Compliance check: a package is installed at least at a given version (dpkg's own version order).
$package = 'openssh-server'
$minimum = '1:8.0'
$version = & dpkg-query -W -f '${Version}' $package 2>$null
$installed = $LASTEXITCODE -eq 0 -and "$version".Length -gt 0
$newEnough = $false
if ($installed) { & dpkg --compare-versions "$version" ge $minimum; $newEnough = $LASTEXITCODE -eq 0 }
[pscustomobject]@{
    Id       = "package-version:$package"
    Title    = "$package is installed at $minimum or later"
    Passed   = $installed -and $newEnough
    Severity = 'CRITICAL'
    Details  = @{ Installed = if ($installed) { "$version" } else { 'not installed' }; Minimum = $minimum }
}

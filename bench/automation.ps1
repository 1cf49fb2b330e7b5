# Per-step cost of a durable runbook: every step transition is committed to the catalog before the next
# step starts. Runs in the nodeops host with no fleet:
#   out/host/nodeops -File bench/automation.ps1 50 /tmp/bench-automation.db    # steps, catalog
# Prints tab-separated lines: what  count  seconds  ms-per-item
#   sleep-steps   a runbook of N aws:sleep PT0S steps (only the engine and its commits)
#   script-steps  a runbook of N aws:executeScript steps (each in a fresh runspace)
#   catalog-writes  N Set-NodeParameter calls (one transaction and one audit event each): the peer
param([int] $Steps = 50, [string] $Catalog = '/tmp/bench-automation.db')
$ErrorActionPreference = 'Stop'
foreach ($f in @($Catalog, ($Catalog -replace '\.db$', '-log.db'))) { if ([System.IO.File]::Exists($f)) { [System.IO.File]::Delete($f) } }

function Runbook([string] $step) {
    $lines = @("schemaVersion: '0.3'", 'mainSteps:')
    foreach ($i in 1..$Steps) { $lines += "  - { name: s$i, $step }" }
    $lines -join "`n"
}
function Time([string] $what, [scriptblock] $work) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $work | Out-Null
    $s = $watch.Elapsed.TotalSeconds
    "{0}`t{1}`t{2:N3}`t{3:N1}" -f $what, $Steps, $s, (1000 * $s / $Steps)
}

New-NodeDocument -Name Bench-Sleep -DocumentType Automation -Content (Runbook "action: aws:sleep, inputs: { Duration: PT0S }") -CatalogPath $Catalog | Out-Null
New-NodeDocument -Name Bench-Script -DocumentType Automation -Content (Runbook "action: aws:executeScript, inputs: { Script: '1' }") -CatalogPath $Catalog | Out-Null
$null = Start-NodeAutomation Bench-Sleep -Wait -CatalogPath $Catalog   # warm-up
Time 'sleep-steps' { Start-NodeAutomation Bench-Sleep -Wait -CatalogPath $Catalog }
Time 'script-steps' { Start-NodeAutomation Bench-Script -Wait -CatalogPath $Catalog }
Time 'catalog-writes' { foreach ($i in 1..$Steps) { Set-NodeParameter "/bench/p$i" "v$i" -CatalogPath $Catalog } }

# Cost the -OnNonCompliant triggers add to a compliance write: the transition check runs inside every
# ComplianceStore.ReplaceItems transaction. Runs in the nodeops host with no fleet:
#   out/host/nodeops -File bench/triggers.ps1 200 /tmp/bench-triggers.db    # writes, catalog
# Prints tab-separated lines: what  count  seconds  ms-per-write
#   no-triggers      N Set-NodeComplianceItem writes flipping one item Compliant/NonCompliant, no trigger (the peer)
#   other-triggers   the same with 5 triggers on other types (the check reads them and the previous items)
#   firing-trigger   the same with a trigger on this type: every second write records an outbox event
param([int] $Writes = 200, [string] $Catalog = '/tmp/bench-triggers.db')
$ErrorActionPreference = 'Stop'
foreach ($f in @($Catalog, ($Catalog -replace '\.db$', '-log.db'))) { if ([System.IO.File]::Exists($f)) { [System.IO.File]::Delete($f) } }

Register-ManagedNode -Name bench1 -Address 127.0.0.1 -CatalogPath $Catalog | Out-Null
New-NodeDocument -Name Bench-Noop -DocumentType Automation -CatalogPath $Catalog -Content @'
schemaVersion: '0.3'
parameters:
  NodeId: { type: String }
mainSteps:
  - { name: s, action: aws:sleep, inputs: { Duration: PT0S } }
'@ | Out-Null

function Time([string] $what, [string] $type) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    foreach ($i in 1..$Writes) {
        $status = if ($i % 2) { 'NonCompliant' } else { 'Compliant' }
        Set-NodeComplianceItem -NodeId bench1 -Type $type -Item @{ Id = 'x'; Status = $status; Severity = 'HIGH' } -CatalogPath $Catalog
    }
    $s = $watch.Elapsed.TotalSeconds
    "{0}`t{1}`t{2:N3}`t{3:N2}" -f $what, $Writes, $s, (1000 * $s / $Writes)
}

Time 'warm-up' 'Custom:Warm' | Out-Null
Time 'no-triggers' 'Custom:A'
foreach ($i in 1..5) { Register-NodeAutomationTrigger "other$i" -DocumentName Bench-Noop -OnNonCompliant "Custom:Other$i" -CatalogPath $Catalog | Out-Null }
Time 'other-triggers' 'Custom:B'
Register-NodeAutomationTrigger firing -DocumentName Bench-Noop -OnNonCompliant Custom:C -CatalogPath $Catalog | Out-Null
Time 'firing-trigger' 'Custom:C'
"events`t{0}" -f @(Get-NodeAutomationTrigger firing -Event -CatalogPath $Catalog).Count

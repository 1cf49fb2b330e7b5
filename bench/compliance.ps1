# Times Invoke-NodeComplianceCheck (the three example checks; cold: empty pool, warm: pooled sessions) on
# the first N fleet nodes. Prints one tab-separated line per run: tool  mode  nodes  concurrency  seconds  ok
param([string] $Inventory, [int] $Count, [int] $Concurrency, [string] $Catalog, [string] $Checks)
$ErrorActionPreference = 'Stop'
$rows = ([System.IO.File]::ReadAllLines($Inventory))[1..$Count]
if ([System.IO.File]::Exists($Catalog)) { [System.IO.File]::Delete($Catalog) }
foreach ($r in $rows) {
    $f = $r.Split("`t")
    Register-ManagedNode -Name $f[0] -Address $f[1] -UserName root -KeyFilePath $f[4] -HostKeyPolicy Ignore -Tag @{ Bench = '1' } -CatalogPath $Catalog | Out-Null
}
function Run([string] $mode) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $result = Invoke-NodeComplianceCheck -Path "$Checks/*.ps1" -Tag Bench=1 -MaxConcurrency $Concurrency -MaxErrors 100% -CatalogPath $Catalog
    $seconds = [math]::Round($watch.Elapsed.TotalSeconds, 3)
    # ok: nodes whose three checks were all recorded.
    $recorded = @(Get-NodeComplianceItem -Type Check:linux -Id sshd-root-login -CatalogPath $Catalog | Where-Object ExecutionId -eq $result[0].CommandId).Count
    "nodeops`t{0}`t{1}`t{2}`t{3}`t{4}" -f $mode, $Count, $Concurrency, $seconds, [math]::Min($recorded, @($result | Where-Object Status -eq 'Success').Count)
}
Run 'cold'
foreach ($i in 1..3) { Run "warm$i" }

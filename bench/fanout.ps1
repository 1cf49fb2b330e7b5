# Times NodeOps Invoke-NodeCommand (cold: empty pool; warm: pooled sessions) and the engine's own
# Invoke-Command over SSH on the same nodes. Prints one tab-separated line per run:
#   tool  mode  nodes  concurrency  seconds  ok
param([string] $Inventory, [int] $Count, [int] $Concurrency, [string] $Catalog, [string] $Command = 'hostname')
$ErrorActionPreference = 'Stop'
$rows = ([System.IO.File]::ReadAllLines($Inventory))[1..$Count]
$nodes = foreach ($r in $rows) { $f = $r.Split("`t"); [pscustomobject]@{ Name = $f[0]; Ip = $f[1]; Key = $f[4] } }
if ([System.IO.File]::Exists($Catalog)) { [System.IO.File]::Delete($Catalog) }
foreach ($n in $nodes) { Register-ManagedNode -Name $n.Name -Address $n.Ip -UserName root -KeyFilePath $n.Key -HostKeyPolicy Ignore -Tag @{ Bench = '1' } -CatalogPath $Catalog | Out-Null }

function Time([scriptblock] $Work) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $Work
    [pscustomobject]@{ Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 3); Result = $result }
}
function Report($tool, $mode, $t, $ok) { "{0}`t{1}`t{2}`t{3}`t{4}`t{5}" -f $tool, $mode, $Count, $Concurrency, $t.Seconds, $ok }

$cold = Time { Invoke-NodeCommand -Tag Bench=1 -ShellScript $Command -MaxConcurrency $Concurrency -MaxErrors 100% -CatalogPath $Catalog }
Report 'nodeops' 'cold' $cold (@($cold.Result | Where-Object Status -eq 'Success').Count)
foreach ($f in @($cold.Result | Where-Object Status -ne 'Success')) { [Console]::Error.WriteLine("nodeops cold: $($f.NodeName) $($f.Status) $($f.ErrorId): $($f.StatusDetails)") }
foreach ($i in 1..3) {
    $warm = Time { Invoke-NodeCommand -Tag Bench=1 -ShellScript $Command -MaxConcurrency $Concurrency -MaxErrors 100% -CatalogPath $Catalog }
    Report 'nodeops' "warm$i" $warm (@($warm.Result | Where-Object Status -eq 'Success').Count)
}
Clear-NodeConnectionPool

$options = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'QUIET' }
# The engine's SSH parameter sets have no -ThrottleLimit on New-PSSession/Invoke-Command -HostName, so its
# cold fan-out is New-PSSession for all nodes, then Invoke-Command -Session -ThrottleLimit.
$ic = Time {
    $script:sessions = New-PSSession -HostName ($nodes | ForEach-Object Ip) -UserName root -KeyFilePath $nodes[0].Key -Options $options -ErrorAction Continue
    Invoke-Command -Session $script:sessions -ThrottleLimit $Concurrency -ScriptBlock { & $using:Command }
}
Report 'invoke-command' 'cold' $ic (@($ic.Result).Count)
foreach ($i in 1..3) {
    $icw = Time { Invoke-Command -Session $script:sessions -ThrottleLimit $Concurrency -ScriptBlock { & $using:Command } }
    Report 'invoke-command' "warm$i" $icw (@($icw.Result).Count)
}
Remove-PSSession $script:sessions

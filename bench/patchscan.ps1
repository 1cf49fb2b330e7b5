# Patch scan timing inside one controller process: registers the fleet's first N nodes, then runs
# Invoke-PatchScan on all of them twice (cold: sessions opened in the run; warm: pooled sessions).
# Prints "nodeops <mode> <nodes> <conc> <seconds> <ok>" per run (tab-separated).
param([string] $Tsv, [int] $Count, [int] $Concurrency, [string] $Catalog)
$PSDefaultParameterValues['*:CatalogPath'] = $Catalog
foreach ($line in ([IO.File]::ReadAllLines($Tsv))[1..$Count]) {
    $f = $line -split "`t"
    Register-ManagedNode -Name $f[0] -Address $f[1] -Port $f[2] -UserName $f[3] -KeyFilePath $f[4] -Tag @{ Bench = 'patch' } | Out-Null
}
foreach ($mode in 'cold', 'warm') {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $r = @(Invoke-PatchScan -Tag Bench=patch -MaxConcurrency $Concurrency)
    $watch.Stop()
    $ok = @($r | Where-Object { $_.Status -eq 'Success' }).Count
    $per = 0.0; foreach ($i in $r) { $per += ($i.EndTime - $i.StartTime).TotalSeconds }
    $inv = [Globalization.CultureInfo]::InvariantCulture
    "nodeops`t$mode`t$Count`t$Concurrency`t$($watch.Elapsed.TotalSeconds.ToString('0.000', $inv))`t$ok`t$(($per / [Math]::Max(1, $r.Count)).ToString('0.000', $inv))"
}

namespace NodeOps.Core.Compliance;

/// <summary>
/// The PowerShell that runs checks on a node. Every check, whichever way it runs, comes back in one shape,
/// one object per result: Check (its name), Suite (the check's suite), Id, Title, Passed, Severity, Details (a hashtable of strings) and
/// Error (set when the check itself failed). Script checks run as script blocks with ErrorActionPreference
/// Stop, so a throw or an error becomes an Error result; Pester files go through Invoke-PesterCheck, which maps
/// each Pester 5 test to the same shape (unverified: Pester cannot be installed where NodeOps is built).
/// Like the other remote scripts it uses only the language and .NET, so it runs on any endpoint.
/// </summary>
public static class ComplianceCheckScripts
{
    public const string Run = """
param([object[]]$Checks)
function ConvertTo-DetailText($d) {
    $h = @{}
    if ($null -eq $d) { return $h }
    if ($d -is [System.Collections.IDictionary]) { foreach ($k in $d.Keys) { $h["$k"] = [string]$d[$k] } }
    elseif ($d -is [string] -or $d -is [ValueType]) { $h['Message'] = [string]$d }
    else { foreach ($p in $d.PSObject.Properties) { $h[$p.Name] = [string]$p.Value } }
    $h
}
function New-CheckResult($check, $id, $title, $passed, $severity, $details, $err) {
    [pscustomobject]@{ Check = $check; Id = [string]$id; Title = [string]$title; Passed = [bool]$passed; Severity = [string]$severity; Details = $details; Error = $err }
}
function Get-Member2($o, [string]$name) {
    if ($o -is [System.Collections.IDictionary]) { foreach ($k in $o.Keys) { if ("$k" -eq $name) { return ,$o[$k] } }; return $null }
    $p = $o.PSObject.Properties[$name]; if ($p) { ,$p.Value } else { $null }
}
function Invoke-ScriptCheck($c) {
    try {
        $block = [scriptblock]::Create($c.Text)
        $out = & { $ErrorActionPreference = 'Stop'; & $block }
    } catch {
        $e = $_
        $where = if ($e.InvocationInfo -and $e.InvocationInfo.ScriptLineNumber) { " (line $($e.InvocationInfo.ScriptLineNumber))" } else { '' }
        return New-CheckResult $c.Name $null $null $false $null @{ Error = "$($e.Exception.Message)$where" } "$($e.Exception.Message)$where"
    }
    $any = $false
    foreach ($o in @($out)) {
        if ($null -eq $o -or $o -is [string] -or $o -is [ValueType]) { continue }
        $passed = Get-Member2 $o 'Passed'
        if ($null -eq $passed) { continue }
        $any = $true
        New-CheckResult $c.Name (Get-Member2 $o 'Id') (Get-Member2 $o 'Title') ([bool]$passed) (Get-Member2 $o 'Severity') (ConvertTo-DetailText (Get-Member2 $o 'Details')) $null
    }
    if (-not $any) { New-CheckResult $c.Name $null $null $false $null @{ Error = 'The check emitted no result (an object with Id, Title, Passed, Severity, Details).' } 'The check emitted no result.' }
}
function Invoke-PesterCheck($c) {
    $pester = $null
    foreach ($m in @(Get-Module -ListAvailable -Name Pester)) { if ($m.Version.Major -ge 5 -and ($null -eq $pester -or $m.Version -gt $pester.Version)) { $pester = $m } }
    if ($null -eq $pester) {
        return New-CheckResult $c.Name $null $null $false $null @{ Error = 'Pester 5 is not installed on this node; *.Tests.ps1 checks need it.' } 'Pester 5 is not installed on this node.'
    }
    try {
        Import-Module $pester.Path -ErrorAction Stop
        $config = New-PesterConfiguration
        $config.Run.Container = New-PesterContainer -ScriptBlock ([scriptblock]::Create($c.Text))
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'None'
        $run = Invoke-Pester -Configuration $config
    } catch {
        return New-CheckResult $c.Name $null $null $false $null @{ Error = "$($_.Exception.Message)" } "$($_.Exception.Message)"
    }
    foreach ($t in @($run.Tests)) {
        if ($t.Result -notin 'Passed', 'Failed') { continue }
        $severity = $null
        foreach ($tag in @($t.Tag)) { if ("$tag" -match '^(?:Severity[:=])?(CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL|UNSPECIFIED)$') { $severity = $Matches[1] } }
        $details = @{ Result = "$($t.Result)"; Duration = "$($t.Duration)" }
        if ($t.ErrorRecord) { $details.Error = (@($t.ErrorRecord) | ForEach-Object { "$($_.Exception.Message)" }) -join '; ' }
        New-CheckResult $c.Name ($t.ExpandedPath) ($t.ExpandedName) ($t.Result -eq 'Passed') $severity $details $null
    }
}
foreach ($c in $Checks) {
    $results = if ($c.Kind -eq 'Pester') { Invoke-PesterCheck $c } else { Invoke-ScriptCheck $c }
    foreach ($r in $results) { $r.PSObject.Properties.Add([psnoteproperty]::new('Suite', $c.Suite)); $r }
}
""";
}

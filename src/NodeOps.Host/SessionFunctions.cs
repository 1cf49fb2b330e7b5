namespace NodeOps.Host;

/// <summary>
/// Stand-ins for Utility cmdlets the engine package lacks but that the engine itself calls: the remoting
/// layer pipes native-command output through Out-String, and scripts expect Write-Output/Write-Host.
/// </summary>
internal static class SessionFunctions
{
    public const string Script = """
function global:Out-String {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline = $true)] $InputObject, [switch] $Stream, [int] $Width)
    begin { $lines = [System.Collections.Generic.List[string]]::new() }
    process { if ($null -ne $InputObject) { if ($Stream) { "$InputObject" } else { $lines.Add("$InputObject") } } }
    end { if (-not $Stream -and $lines.Count -gt 0) { ($lines -join [Environment]::NewLine) + [Environment]::NewLine } }
}
function global:Write-Output {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline = $true, Position = 0, ValueFromRemainingArguments = $true)] $InputObject, [switch] $NoEnumerate)
    process { if ($NoEnumerate) { , $InputObject } else { $InputObject } }
}
function global:Write-Host {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromRemainingArguments = $true)] $Object, [switch] $NoNewline, $ForegroundColor, $BackgroundColor, $Separator = ' ')
    $text = ($Object | ForEach-Object { "$_" }) -join $Separator
    if ($NoNewline) { $Host.UI.Write($text) } else { $Host.UI.WriteLine($text) }
}
""";
}

# Writes docs/<Verb-Noun>.md skeletons (platyPS 0.14 shape) for exported cmdlets that have no help file yet,
# from the cmdlets' own metadata: syntax per parameter set and one yaml block per parameter.
# Fill in SYNOPSIS, DESCRIPTION, EXAMPLES, the parameter texts, INPUTS, OUTPUTS and NOTES by hand.
#   nodeops -File tools/New-HelpSkeleton.ps1 [-Docs docs] [-Name Get-Foo,Set-Foo]
param([string] $Docs = 'docs', [string[]] $Name)

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function TypeName([type] $t) {
    if ($t -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    if ($t.IsArray) { return (TypeName $t.GetElementType()) + '[]' }
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { return TypeName $t.GetGenericArguments()[0] }
    return $t.Name
}

function SyntaxLine($cmd, $set) {
    $parts = foreach ($p in $set.Parameters | Where-Object { $common -notcontains $_.Name }) {
        $type = TypeName $p.ParameterType
        $name = if ($p.Position -ge 0) { "[-$($p.Name)]" } else { "-$($p.Name)" }
        $text = if ($type -eq 'SwitchParameter') { "-$($p.Name)" } else { "$name <$type>" }
        if ($p.IsMandatory) { $text } else { "[$text]" }
    }
    $cmdParams = $cmd.Parameters.Keys
    $tail = if ($cmdParams -contains 'WhatIf') { ' [-WhatIf] [-Confirm]' } else { '' }
    ($cmd.Name + ' ' + ($parts -join ' ') + $tail + ' [<CommonParameters>]').Replace('  ', ' ')
}

function ParameterBlocks($cmd, [string] $param) {
    $meta = $cmd.Parameters[$param]
    $allSets = @($cmd.ParameterSets | ForEach-Object Name)
    $groups = [ordered]@{}
    foreach ($set in $cmd.ParameterSets) {
        $p = $set.Parameters | Where-Object Name -eq $param
        if (-not $p) { continue }
        $pipe = @()
        if ($p.ValueFromPipelineByPropertyName) { $pipe += 'ByPropertyName' }
        if ($p.ValueFromPipeline) { $pipe += 'ByValue' }
        $pipeText = if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }
        $pos = if ($p.Position -ge 0) { "$($p.Position)" } else { 'Named' }
        $key = "$($p.IsMandatory)|$pos|$pipeText"
        if (-not $groups.Contains($key)) { $groups[$key] = [System.Collections.Generic.List[string]]::new() }
        $groups[$key].Add($set.Name)
    }
    $accepted = $meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues
    $element = if ($meta.ParameterType.IsArray) { $meta.ParameterType.GetElementType() } else { $meta.ParameterType }
    if (-not $accepted -and $element.IsEnum) { $accepted = [Enum]::GetNames($element) }
    $first = $true
    foreach ($key in $groups.Keys) {
        $required, $pos, $pipeText = $key -split '\|'
        $sets = if ($groups[$key].Count -eq $allSets.Count) { '(All)' } else { $groups[$key] -join ', ' }
        '```yaml'
        if ($first) { "Type: $(TypeName $meta.ParameterType)" }
        "Parameter Sets: $sets"
        if ($first) {
            "Aliases: $($meta.Aliases -join ', ')"
            if ($accepted) { "Accepted values: $($accepted -join ', ')" }
        }
        ''
        "Required: $required"
        "Position: $pos"
        if ($first) { 'Default value: None' }
        "Accept pipeline input: $pipeText"
        if ($first) { "Accept wildcard characters: $([bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))" }
        '```'
        ''
        $first = $false
    }
}

$cmds = Get-Command -Module NodeOps | Where-Object { -not $Name -or $Name -contains $_.Name }
foreach ($cmd in $cmds) {
    $file = [IO.Path]::Combine($Docs, "$($cmd.Name).md")
    if ([IO.File]::Exists($file)) { continue }
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.AddRange([string[]]@('---', 'external help file: NodeOps.dll-Help.xml', 'Module Name: NodeOps', 'online version:', 'schema: 2.0.0', '---', '',
        "# $($cmd.Name)", '', '## SYNOPSIS', 'TODO', '', '## SYNTAX', ''))
    foreach ($set in $cmd.ParameterSets) {
        $title = if ($set.Name -eq '__AllParameterSets') { '__AllParameterSets' } elseif ($set.IsDefault) { "$($set.Name) (Default)" } else { $set.Name }
        $lines.AddRange([string[]]@("### $title", '```', (SyntaxLine $cmd $set), '```', ''))
    }
    $lines.AddRange([string[]]@('## DESCRIPTION', 'TODO', '', '## EXAMPLES', '', '### Example 1: TODO', '```powershell', 'TODO', '```', '', 'TODO', '', '## PARAMETERS', ''))
    foreach ($param in $cmd.Parameters.Keys | Where-Object { $common -notcontains $_ }) {
        $lines.AddRange([string[]]@("### -$param", 'TODO', ''))
        $lines.AddRange([string[]]@(ParameterBlocks $cmd $param))
    }
    $lines.AddRange([string[]]@('### CommonParameters',
        'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).',
        '', '## INPUTS', '', '### None', 'TODO', '', '## OUTPUTS', '', "### $(if ($cmd.OutputType) { @($cmd.OutputType)[0].Type.FullName } else { 'None' })", 'TODO', '', '## NOTES', 'TODO', '', '## RELATED LINKS', ''))
    [IO.File]::WriteAllText($file, ($lines -join "`n") + "`n")
    "wrote $file"
}

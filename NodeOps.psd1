@{
    RootModule           = 'NodeOps.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f3a36-8a53-4a7e-9c55-0b6f7f1c2e41'
    Author               = 'NodeOps'
    CompanyName          = 'NodeOps'
    Copyright            = '(c) NodeOps. All rights reserved.'
    Description          = 'Self-hosted fleet operations over PowerShell remoting: managed nodes, Run Command, and more, with no cloud account and no agent.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    NestedModules        = @('NodeOps.Loader.dll')
    FormatsToProcess     = @('NodeOps.format.ps1xml')
    CmdletsToExport      = @(
        'Register-ManagedNode'
        'New-NodeDocument'
        'Get-NodeDocument'
        'Update-NodeDocument'
        'Set-NodeDocumentDefaultVersion'
        'Remove-NodeDocument'
        'Export-NodeDocument'
        'Start-NodeAutomation'
        'Get-NodeAutomationExecution'
        'Stop-NodeAutomation'
        'Resume-NodeAutomation'
        'Approve-NodeAutomation'
        'Deny-NodeAutomation'
        'Invoke-NodeAutomationStep'
        'Set-NodeParameter'
        'Get-NodeParameter'
        'Get-NodeParameterHistory'
        'Add-NodeParameterLabel'
        'Remove-NodeParameterLabel'
        'Remove-NodeParameter'
        'Get-NodeOpsAuditEvent'
        'Test-NodeOpsAuditTrail'
        'Export-NodeOpsAuditEvent'
        'Start-NodeSession'
        'Get-NodeSession'
        'Get-NodeSessionTranscript'
        'Stop-NodeSession'
        'Set-NodeOpsPreference'
        'Get-NodeOpsPreference'
        'Invoke-NodeInventory'
        'Get-NodeInventory'
        'Get-NodeInventoryChange'
        'Set-NodeInventory'
        'Get-NodeInventorySummary'
        'Export-NodeInventory'
        'Get-NodeProcess'
        'Get-NodeServiceStatus'
        'Get-NodeFile'
        'Get-NodeFileContent'
        'Get-NodeDiskUsage'
        'Get-ManagedNode'
        'Set-ManagedNode'
        'Remove-ManagedNode'
        'Add-ManagedNodeTag'
        'Remove-ManagedNodeTag'
        'Test-ManagedNode'
        'Invoke-NodeCommand'
        'Get-NodeCommand'
        'Get-NodeCommandInvocation'
        'Clear-NodeConnectionPool'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('Fleet', 'RunCommand', 'SSM', 'Remoting', 'SSH')
        }
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Fleet compliance as Pester tests on the controller: run the checks on the nodes, then assert on what the
# catalog holds. Run with: Invoke-Pester ./docs/examples/Fleet.Compliance.Tests.ps1 -Output Detailed

BeforeAll {
    Import-Module NodeOps
    # Check scripts run on every production node; each result becomes a Check:linux compliance item.
    Invoke-NodeComplianceCheck -Path "$PSScriptRoot/checks/linux/*.ps1" -Tag Env=prod -MaxConcurrency 25% | Out-Null
}

Describe 'Production fleet compliance' {
    It 'has no critical patch missing' {
        # Throws a readable error listing every offending node and item, so the It block fails with it.
        Assert-NodeCompliant -Type Patch -Severity Critical -Tag Env=prod
    }

    It 'passes every high and critical check' {
        Assert-NodeCompliant -Type 'Check:*' -Severity Critical, High -Tag Env=prod
    }

    It 'has every association applied' {
        Get-NodeComplianceItem -Type Association -Status NonCompliant -Tag Env=prod | Should -BeNullOrEmpty
    }

    It 'has no node that never reported' {
        Get-NodeComplianceSummary -PerNode -Tag Env=prod |
            Where-Object Status -eq NotReported |
            ForEach-Object NodeName | Should -BeNullOrEmpty
    }

    Context 'node <_>' -ForEach @(Get-ManagedNode -Tag Env=prod | ForEach-Object Name) {
        It 'keeps root login over SSH without a password' {
            $item = Get-NodeComplianceItem -NodeId $_ -Type Check:linux -Id sshd-root-login
            $item.Status | Should -Be Compliant -Because $item.Details.PermitRootLogin
        }
    }
}

AfterAll {
    Export-NodeComplianceReport -Path ./compliance.html -Tag Env=prod
    Export-NodeComplianceReport -Path ./compliance-junit.xml -Format JUnit -Tag Env=prod
}

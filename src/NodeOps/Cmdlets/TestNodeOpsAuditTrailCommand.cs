using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Checks the audit trail's hash chain and reports the first event that was edited or follows a removed one.</summary>
[Cmdlet(VerbsDiagnostic.Test, "NodeOpsAuditTrail")]
[OutputType(typeof(AuditTrailCheck), typeof(bool))]
public sealed class TestNodeOpsAuditTrailCommand : NodeOpsCmdlet
{
    /// <summary>Return only True or False.</summary>
    [Parameter] public SwitchParameter Quiet { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var check = Catalog.Audit.Verify();
        if (Quiet) WriteObject(check.Valid);
        else WriteObject(check);
    });
}

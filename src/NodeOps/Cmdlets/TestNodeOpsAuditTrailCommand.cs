using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
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
        // Checking a trail that is not there must not create an empty catalog and call it valid.
        var path = CatalogLocation.Resolve(ResolvedCatalogPath);
        if (!File.Exists(path))
            throw new NodeOpsException(ErrorIds.CatalogNotFound, ErrorCategory.ObjectNotFound, path,
                $"There is no catalog at '{path}', so there is no audit trail to check.");
        var check = Catalog.Audit.Verify();
        if (Quiet) WriteObject(check.Valid);
        else WriteObject(check);
    });
}

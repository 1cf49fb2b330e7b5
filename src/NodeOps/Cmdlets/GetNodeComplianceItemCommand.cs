using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists compliance items across the fleet: patches, associations, custom rules and checks, filtered by node, tag, type, status, severity and id.</summary>
[Cmdlet(VerbsCommon.Get, "NodeComplianceItem")]
[OutputType(typeof(ComplianceItem))]
public sealed class GetNodeComplianceItemCommand : ComplianceQueryCmdlet
{
    [Parameter] public ComplianceStatus[]? Status { get; set; }

    /// <summary>Item ids, wildcards allowed (e.g. 'sshd-*', a package name, a KB).</summary>
    [Parameter] [SupportsWildcards] public string[]? Id { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        var ids = Id?.Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToList();
        foreach (var item in BuildQuery(Status).Run(Catalog).Items)
            if (ids is null || ids.Any(p => p.IsMatch(item.Id))) WriteObject(item);
    });
}

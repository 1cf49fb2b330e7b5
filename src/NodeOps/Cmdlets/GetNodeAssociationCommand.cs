using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists associations (by id or name; wildcards on names).</summary>
[Cmdlet(VerbsCommon.Get, "NodeAssociation")]
[OutputType(typeof(NodeAssociation))]
public sealed class GetNodeAssociationCommand : NodeOpsCmdlet
{
    /// <summary>Association ids or names; wildcards allowed on names.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AssociationCompleter))]
    [Alias("AssociationName")]
    public string[]? AssociationId { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var key in AssociationId ?? new[] { "*" })
            ForEachItem(() =>
            {
                foreach (var a in NamePatterns.Select(key, Catalog.Associations.Get, Catalog.Associations.All, a => a.DisplayName))
                    WriteObject(AssociationView.WithNext(a));
            });
    }
}

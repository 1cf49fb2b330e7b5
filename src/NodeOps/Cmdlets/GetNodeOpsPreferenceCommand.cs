using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>The catalog's session and audit preferences.</summary>
[Cmdlet(VerbsCommon.Get, "NodeOpsPreference")]
[OutputType(typeof(NodeOpsPreferences))]
public sealed class GetNodeOpsPreferenceCommand : NodeOpsCmdlet
{
    protected override void EndProcessing() => Guard(() => WriteObject(Catalog.Preferences.Get()));
}

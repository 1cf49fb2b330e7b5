using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes parameters with all their versions.</summary>
[Cmdlet(VerbsCommon.Remove, "NodeParameter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveNodeParameterCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var name in Name)
            ForEachItem(() =>
            {
                if (ShouldProcess(name, "Remove parameter (all versions)")) Catalog.Parameters.Remove(name);
            });
    }
}

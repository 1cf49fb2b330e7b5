using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;

namespace NodeOps.Cmdlets;

/// <summary>Takes labels off a parameter version; a label that is not on it gives a non-terminating error.</summary>
[Cmdlet(VerbsCommon.Remove, "NodeParameterLabel", SupportsShouldProcess = true)]
public sealed class RemoveNodeParameterLabelCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public int Version { get; set; }

    [Parameter(Mandatory = true, Position = 2)]
    public string[] Label { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        if (!ShouldProcess($"{Name}:{Version}", $"Remove label(s) {string.Join(", ", Label)}")) return;
        foreach (var missing in Catalog.Parameters.RemoveLabels(Name, Version, Label))
            WriteError(new NodeOpsException(ErrorIds.ParameterVersionNotFound, ErrorCategory.ObjectNotFound, missing,
                $"Version {Version} of '{Name}' has no label '{missing}'.").ToErrorRecord());
    });
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Puts labels on a parameter version (the latest by default); a label on another version moves here.</summary>
[Cmdlet(VerbsCommon.Add, "NodeParameterLabel", SupportsShouldProcess = true)]
[OutputType(typeof(NodeParameter))]
public sealed class AddNodeParameterLabelCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public string[] Label { get; set; } = Array.Empty<string>();

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? Version { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        if (!ShouldProcess($"{Name}:{Version?.ToString() ?? "latest"}", $"Add label(s) {string.Join(", ", Label)}")) return;
        WriteObject(Catalog.Parameters.ToOutput(Catalog.Parameters.AddLabels(Name, Version, Label), decrypt: false, asPlainText: false));
    });
}

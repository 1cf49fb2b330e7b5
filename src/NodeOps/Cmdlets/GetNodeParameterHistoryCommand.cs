using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Every stored version of a parameter, oldest first, with labels and who changed it when.</summary>
[Cmdlet(VerbsCommon.Get, "NodeParameterHistory")]
[OutputType(typeof(NodeParameter))]
public sealed class GetNodeParameterHistoryCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter] public SwitchParameter WithDecryption { get; set; }

    [Parameter] public SwitchParameter AsPlainText { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name)
            ForEachItem(() =>
            {
                foreach (var v in Catalog.Parameters.History(name))
                    WriteObject(Catalog.Parameters.ToOutput(v, WithDecryption || AsPlainText, AsPlainText));
            });
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Reads parameters by name (name, name:version, name:label) or by path; SecureString values only with -WithDecryption.</summary>
[Cmdlet(VerbsCommon.Get, "NodeParameter", DefaultParameterSetName = NameSet)]
[OutputType(typeof(NodeParameter))]
public sealed class GetNodeParameterCommand : NodeOpsCmdlet
{
    private const string NameSet = "Name", PathSet = "Path";

    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>A version number (instead of name:N).</summary>
    [Parameter(ParameterSetName = NameSet)]
    public int? Version { get; set; }

    /// <summary>The parameters directly under a path ("/app/prod"); with -Recursive, everything below it.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true)]
    [ArgumentCompleter(typeof(ParameterNameCompleter))]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = PathSet)] public SwitchParameter Recursive { get; set; }

    /// <summary>Return SecureString values (as SecureString; as plain text with -AsPlainText).</summary>
    [Parameter] public SwitchParameter WithDecryption { get; set; }

    [Parameter] public SwitchParameter AsPlainText { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet)
        {
            ForEachItem(() =>
            {
                foreach (var v in Catalog.Parameters.GetByPath(Path, Recursive))
                    WriteObject(Catalog.Parameters.ToOutput(v, WithDecryption || AsPlainText, AsPlainText));
            });
            return;
        }
        foreach (var selector in Name)
            ForEachItem(() => WriteObject(Catalog.Parameters.ToOutput(Catalog.Parameters.Get(selector, Version), WithDecryption || AsPlainText, AsPlainText, selector)));
    }
}

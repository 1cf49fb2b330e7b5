using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Cmdlets;

[Cmdlet(VerbsCommon.Get, "ManagedNode", DefaultParameterSetName = "ByName")]
[OutputType(typeof(ManagedNode))]
public sealed class GetManagedNodeCommand : NodeOpsCmdlet
{
    [Parameter(ParameterSetName = "ById", Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[] NodeId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = "ByName", Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Key=Value conditions; all must match. Values may use wildcards.</summary>
    [Parameter(ParameterSetName = "ByName")]
    public string[]? Tag { get; set; }

    /// <summary>A script block evaluated per node with $_ set to the node, like Where-Object.</summary>
    [Parameter(ParameterSetName = "ByName")]
    public ScriptBlock? Filter { get; set; }

    [Parameter(ParameterSetName = "ByName")]
    public PingStatus[]? PingStatus { get; set; }

    private IReadOnlyList<TagFilter>? _tags;

    protected override void BeginProcessing()
    {
        if (Tag is not null) _tags = Guard(() => TagFilter.ParseMany(Tag));
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "ById")
        {
            foreach (var id in NodeId)
                ForEachItem(() => WriteObject(Catalog.Nodes.Resolve(id)));
            return;
        }

        var names = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToList();
        var found = false;
        foreach (var node in Guard(() => Catalog.Nodes.All()))
        {
            if (names is not null && !names.Any(p => p.IsMatch(node.Name) || p.IsMatch(node.NodeId))) continue;
            if (_tags is not null && !_tags.All(t => t.Matches(node))) continue;
            if (PingStatus is not null && !PingStatus.Contains(node.PingStatus)) continue;
            if (Filter is not null && !LanguagePrimitives.IsTrue(Filter.InvokeWithContext(null, new List<PSVariable> { new("_", node), new("PSItem", node) }).FirstOrDefault())) continue;
            found = true;
            WriteObject(node);
        }

        // Like Get-Item: asking for a specific name that is not there is an error; a wildcard that matches nothing is not.
        if (!found && Name is not null)
            foreach (var n in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
                WriteError(new Core.Errors.NodeOpsException(ErrorIds.NodeNotFound, ErrorCategory.ObjectNotFound, n,
                    $"No managed node named '{n}' is registered.").ToErrorRecord());
    }
}

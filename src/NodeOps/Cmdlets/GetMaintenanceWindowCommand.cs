using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists maintenance windows, with their next execution time.</summary>
[Cmdlet(VerbsCommon.Get, "MaintenanceWindow", DefaultParameterSetName = NameSet)]
[OutputType(typeof(MaintenanceWindow))]
public sealed class GetMaintenanceWindowCommand : NodeOpsCmdlet
{
    private const string NameSet = "Name", IdSet = "WindowId";

    /// <summary>Window names; wildcards allowed.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string[] WindowId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            foreach (var id in WindowId) ForEachItem(() => WriteObject(MaintenanceWindowView.WithNext(Catalog.MaintenanceWindows.Get(id))));
            return;
        }
        foreach (var name in Name ?? new[] { "*" })
            ForEachItem(() =>
            {
                foreach (var w in NamePatterns.Select(name, Catalog.MaintenanceWindows.Get, Catalog.MaintenanceWindows.All, w => w.Name))
                    WriteObject(MaintenanceWindowView.WithNext(w));
            });
    }
}

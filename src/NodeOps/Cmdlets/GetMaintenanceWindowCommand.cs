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
                if (!WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteObject(MaintenanceWindowView.WithNext(Catalog.MaintenanceWindows.Get(name)));
                    return;
                }
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                foreach (var w in Catalog.MaintenanceWindows.All().Where(w => pattern.IsMatch(w.Name)))
                    WriteObject(MaintenanceWindowView.WithNext(w));
            });
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.FleetViews;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>The services on one or many nodes and their state now (systemd, SysV scripts, Windows services).</summary>
[Cmdlet(VerbsCommon.Get, "NodeServiceStatus")]
[OutputType(typeof(NodeServiceStatus))]
public sealed class GetNodeServiceStatusCommand : FleetViewCmdlet
{
    /// <summary>Service names to return (wildcards); all services when omitted.</summary>
    [Parameter] [SupportsWildcards] public string[]? Name { get; set; }

    // The inventory gatherer with only services switched on: one reader of service state for both.
    private static readonly Dictionary<string, object?> ServicesOnly = new()
    {
        ["Applications"] = false, ["Services"] = true, ["Network"] = false, ["WindowsUpdates"] = false, ["Files"] = Array.Empty<object>(), ["MaxFiles"] = 0,
    };

    protected override void EndProcessing()
    {
        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        RunOnTargets(InventoryScripts.Gather, ServicesOnly, r =>
        {
            var services = r.Output.FirstOrDefault(o => o.Properties["TypeName"]?.Value as string == "AWS:Service");
            var rows = services?.Properties["Rows"]?.Value is PSObject { BaseObject: System.Collections.IEnumerable list } ? list.Cast<object>() : Enumerable.Empty<object>();
            foreach (var row in rows)
            {
                var status = FleetViewRow.From<NodeServiceStatus>(PSObject.AsPSObject(row), r.Node);
                if (patterns is null || patterns.Any(p => p.IsMatch(status.Name))) WriteObject(status);
            }
        });
    }
}

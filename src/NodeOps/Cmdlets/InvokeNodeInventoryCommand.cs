using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Gathers inventory from many nodes at once by running the built-in NodeOps-GatherSoftwareInventory
/// document (same targets, rate control and history as Invoke-NodeCommand); results land in the catalog.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "NodeInventory", SupportsShouldProcess = true)]
[OutputType(typeof(NodeCommandInvocation), typeof(NodeCommand), typeof(NodeCommandJob))]
public sealed class InvokeNodeInventoryCommand : FanOutCmdlet
{
    /// <summary>Which types to gather besides node information: Application, Service, Network, WindowsUpdate, Custom (default all).</summary>
    [Parameter]
    [ValidateSet("Application", "Service", "Network", "WindowsUpdate", "Custom")]
    public string[] TypeName { get; set; } = { "Application", "Service", "Network", "WindowsUpdate", "Custom" };

    /// <summary>File searches: @{ Path = '/opt'; Pattern = '**/log4j-core-*.jar'; Recursive = $true; DirScanLimit = 8 }.</summary>
    [Parameter] public Hashtable[]? File { get; set; }

    protected override string Activity => "Gather inventory";

    protected override (CommandKind, string, DocumentPlan) Describe()
    {
        string Enabled(string type) => TypeName.Contains(type, StringComparer.OrdinalIgnoreCase) ? "Enabled" : "Disabled";
        var files = File is null ? "" : JsonSerializer.Serialize(File.Select(h => h.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value is PSObject p ? p.BaseObject : e.Value)));
        var parameters = new Hashtable
        {
            ["applications"] = Enabled("Application"), ["services"] = Enabled("Service"), ["networkConfig"] = Enabled("Network"),
            ["windowsUpdates"] = Enabled("WindowsUpdate"), ["customInventory"] = Enabled("Custom"), ["files"] = files,
        };
        return StoredDocument("NodeOps-GatherSoftwareInventory", null, parameters);
    }
}

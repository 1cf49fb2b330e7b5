using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists compliance triggers; with -Event, the transitions that fired them and the executions they started.</summary>
[Cmdlet(VerbsCommon.Get, "NodeAutomationTrigger")]
[OutputType(typeof(NodeAutomationTrigger), typeof(NodeAutomationTriggerEvent))]
public sealed class GetNodeAutomationTriggerCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AutomationTriggerCompleter))]
    public string[]? Name { get; set; }

    /// <summary>List the trigger's fired transitions (Pending, Started, Skipped, Failed) instead of the trigger.</summary>
    [Parameter] public SwitchParameter Event { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name ?? new[] { "*" })
            ForEachItem(() =>
            {
                var triggers = NamePatterns.Select(name, Catalog.AutomationTriggers.Get, Catalog.AutomationTriggers.All, t => t.Name).ToList();
                if (!Event)
                {
                    WriteObject(triggers, enumerateCollection: true);
                    return;
                }
                foreach (var t in triggers) WriteObject(Catalog.AutomationTriggers.EventsOf(t.Name), enumerateCollection: true);
            });
    }
}

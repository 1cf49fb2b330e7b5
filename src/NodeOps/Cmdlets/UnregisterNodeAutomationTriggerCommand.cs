using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes compliance triggers; their transitions not started yet are marked Skipped. Running executions go on.</summary>
[Cmdlet(VerbsLifecycle.Unregister, "NodeAutomationTrigger", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class UnregisterNodeAutomationTriggerCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AutomationTriggerCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var name in Name)
            ForEachItem(() =>
            {
                var trigger = Catalog.AutomationTriggers.Get(name);
                if (!ShouldProcess(trigger.Name, "Unregister automation trigger")) return;
                Catalog.AutomationTriggers.Remove(trigger.Name);
                NoteResult(trigger.Name);
            });
    }
}

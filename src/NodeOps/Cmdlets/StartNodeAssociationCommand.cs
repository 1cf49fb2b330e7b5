using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>Applies associations now on all their targets (SSM StartAssociationsOnce), and shows each node's status.</summary>
[Cmdlet(VerbsLifecycle.Start, "NodeAssociation", SupportsShouldProcess = true)]
[OutputType(typeof(NodeAssociationStatus))]
public sealed class StartNodeAssociationCommand : SchedulerCmdlet
{
    /// <summary>Association ids or names.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AssociationCompleter))]
    public string[] AssociationId { get; set; } = Array.Empty<string>();

    private readonly List<NodeAssociation> _associations = new();

    protected override void ProcessRecord()
    {
        foreach (var id in AssociationId) ForEachItem(() => _associations.Add(Catalog.Associations.Get(id)));
    }

    protected override void EndProcessing()
    {
        var runner = new AssociationRunner(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(ConnectTimeoutSeconds), SystemSchedulerClock.Instance);
        foreach (var a in _associations)
        {
            var targets = runner.Targets(a);
            if (targets.Count == 0)
            {
                WriteWarning($"Association {a.DisplayName}: no node matches its targets; nothing was run.");
                continue;
            }
            if (!ShouldProcess($"{a.DisplayName} on {targets.Count} node(s)", "Apply association now")) continue;
            var run = runner.NewRun(a, "Manual", null);
            Catalog.Associations.AddRun(run);
            Catalog.Associations.ClaimNewNodes(a, targets);
            NoteResult(run.RunId);
            Pump(async (post, ct) =>
            {
                await runner.ApplyAsync(a, run, targets, IgnoreChangeCalendar, ct).ConfigureAwait(false);
                if (run.Status == "Skipped") post(new WarningRecord($"Association {a.DisplayName} was skipped: {run.StatusDetails}"));
                foreach (var s in Catalog.Associations.StatusOf(a.AssociationId, null)) post(s);
            });
        }
    }
}

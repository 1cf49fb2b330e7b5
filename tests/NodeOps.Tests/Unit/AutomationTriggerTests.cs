using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.Unit;

/// <summary>Which compliance transitions fire a trigger, the outbox written with the item, its claim, and which orphaned runbooks a pass resumes.</summary>
public class AutomationTriggerTests
{
    private static ComplianceItem Item(ComplianceStatus status, string type = "Custom:UnauthorizedSoftware", string id = "cryptominer", ComplianceSeverity severity = ComplianceSeverity.Critical) =>
        new() { NodeId = "mi-1", Type = type, Id = id, Status = status, Severity = severity };

    private static readonly ManagedNode Node = new() { NodeId = "mi-1", Name = "web1", Tags = new() { ["Env"] = "prod" } };

    [Theory]
    [InlineData(ComplianceStatus.NonCompliant, null, true)]
    [InlineData(ComplianceStatus.NonCompliant, ComplianceStatus.Compliant, true)]
    [InlineData(ComplianceStatus.NonCompliant, ComplianceStatus.NonCompliant, false)]
    [InlineData(ComplianceStatus.Compliant, null, false)]
    [InlineData(ComplianceStatus.Compliant, ComplianceStatus.NonCompliant, false)]
    public void Only_a_change_to_NonCompliant_fires(ComplianceStatus now, ComplianceStatus? before, bool fires)
    {
        var trigger = new NodeAutomationTrigger { Name = "t", ComplianceType = "Custom:UnauthorizedSoftware" };
        Assert.Equal(fires, AutomationTriggerRules.Fires(trigger, Item(now), before, Node));
    }

    [Fact]
    public void Type_id_severity_and_node_filters_must_all_match()
    {
        var t = new NodeAutomationTrigger { Name = "t", ComplianceType = "custom:unauthorized*", ItemId = "crypto*", Severities = new() { ComplianceSeverity.Critical } };
        Assert.True(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant), null, Node));
        Assert.False(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant, id: "game"), null, Node));
        Assert.False(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant, type: "Check:cis"), null, Node));
        Assert.False(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant, severity: ComplianceSeverity.Low), null, Node));
        t.Tags = new() { "Env=dev" };
        Assert.False(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant), null, Node));
        t.NodeIds = new() { "web1" };
        Assert.True(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant), null, Node));
        Assert.False(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant), null, null));
        t.Enabled = false;
        Assert.False(AutomationTriggerRules.Fires(t, Item(ComplianceStatus.NonCompliant), null, Node));
    }

    [Fact]
    public void The_runbook_gets_the_node_and_only_the_transition_details_it_declares()
    {
        var t = new NodeAutomationTrigger { Name = "t", TargetParameterName = "InstanceId", Parameters = new() { ["Root"] = new() { "/srv" } } };
        var e = new NodeAutomationTriggerEvent { NodeId = "mi-9", ComplianceType = "Custom:X", ItemId = "cryptominer", ItemTitle = "miner", Severity = ComplianceSeverity.High };
        var p = AutomationTriggerRules.Parameters(t, e, new[] { "InstanceId", "Root", "ComplianceItemId", "ComplianceSeverity" });
        Assert.Equal(new Dictionary<string, object?> { ["Root"] = "/srv", ["InstanceId"] = "mi-9", ["ComplianceItemId"] = "cryptominer", ["ComplianceSeverity"] = "HIGH" }, p);
    }

    [Fact]
    public void A_transition_is_recorded_with_the_item_and_claimed_by_one_process_only()
    {
        using var catalog = NodeCatalog.Open(Path.Combine(TestPaths.NewTempDirectory(), "catalog.db"));
        catalog.AutomationTriggers.Add(new NodeAutomationTrigger { Name = "stop", DocumentName = "Stop", ComplianceType = "Custom:Sw" });
        void Report(ComplianceStatus s) => catalog.Compliance.ReplaceItems("mi-1", "Custom:Sw", new[] { new ComplianceItemInput("miner", "miner", s, ComplianceSeverity.High) }, "run", DateTime.UtcNow);
        Report(ComplianceStatus.Compliant);
        Report(ComplianceStatus.NonCompliant);
        Report(ComplianceStatus.NonCompliant);
        var e = Assert.Single(catalog.AutomationTriggers.EventsOf("stop"));
        Assert.Equal((ComplianceStatus?)ComplianceStatus.Compliant, e.PreviousStatus);

        using var other = NodeCatalog.Open(catalog.Path);
        Assert.NotNull(catalog.AutomationTriggers.TryClaim(e.EventId, _ => true));
        Assert.Null(other.AutomationTriggers.TryClaim(e.EventId, _ => true));
        // A claim whose process is gone is taken over (the pre-chosen execution id still allows one start only).
        Assert.NotNull(other.AutomationTriggers.TryClaim(e.EventId, _ => false));
        other.AutomationTriggers.Finish(e.EventId, TriggerEventStatus.Started, null);
        Assert.Null(catalog.AutomationTriggers.TryClaim(e.EventId, _ => false));

        catalog.AutomationTriggers.Remove("stop");
        Report(ComplianceStatus.Compliant);
        Report(ComplianceStatus.NonCompliant);
        Assert.Single(catalog.AutomationTriggers.EventsOf(null));
    }

    [Fact]
    public async Task Two_schedulers_passing_at_once_start_a_fired_runbook_once()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "catalog.db");
        using var a = NodeCatalog.Open(path);
        using var b = NodeCatalog.Open(path);
        a.Documents.Create("Note-Node", """
            schemaVersion: '0.3'
            parameters:
              NodeId: { type: String }
              ComplianceItemId: { type: String }
            mainSteps:
              - { name: note, action: aws:executeScript, inputs: { InputPayload: { n: '{{ NodeId }}', i: '{{ ComplianceItemId }}' }, Script: 'param($n, $i) @{ v = "$n/$i" }' }, outputs: [{ Name: V, Selector: $.v, Type: String }] }
            """, DocumentType.Automation, "test");
        a.AutomationTriggers.Add(new NodeAutomationTrigger { Name = "note", DocumentName = "Note-Node", ComplianceType = "Custom:Sw" });
        a.Compliance.ReplaceItems("mi-7", "Custom:Sw", new[] { new ComplianceItemInput("miner", "miner", ComplianceStatus.NonCompliant, ComplianceSeverity.High) }, "run", DateTime.UtcNow);

        NodeOpsScheduler Scheduler(NodeCatalog c) => new(c, Core.Transport.NodeSessionPool.Shared, Core.Transport.ConnectionSettings.ForCatalog(c.Path));
        var passes = await Task.WhenAll(Task.Run(() => Scheduler(a).RunOnceAsync(CancellationToken.None)), Task.Run(() => Scheduler(b).RunOnceAsync(CancellationToken.None)));
        var work = Assert.Single(passes.SelectMany(p => p));
        Assert.Equal(ScheduledWork.AutomationExecution, work.Kind);
        var e = a.Automation.Get(work.Id);
        Assert.Equal((AutomationStatus.Success, "mi-7/miner"), (e.Status, e.Outputs["note.V"]));
        Assert.Empty(await Scheduler(b).RunOnceAsync(CancellationToken.None));
        Assert.Equal(TriggerEventStatus.Started, Assert.Single(b.AutomationTriggers.EventsOf("note")).Status);
    }

    [Fact]
    public async Task Taking_over_a_window_cancels_its_interrupted_runbook_instead_of_resuming_it()
    {
        using var catalog = NodeCatalog.Open(Path.Combine(TestPaths.NewTempDirectory(), "catalog.db"));
        catalog.Documents.Create("Slow", """
            schemaVersion: '0.3'
            mainSteps:
              - { name: wait, action: aws:sleep, inputs: { Duration: PT5M } }
            """, DocumentType.Automation, "test");
        using var ended = System.Diagnostics.Process.Start("true")!;
        ended.WaitForExit();
        var dead = ended.Id;
        var pool = Core.Transport.NodeSessionPool.Shared;
        var settings = Core.Transport.ConnectionSettings.ForCatalog(catalog.Path);
        var runbook = new AutomationRunner(catalog, pool, settings).Start(new AutomationRequest { DocumentName = "Slow" });
        catalog.Automation.Change(runbook.ExecutionId, e => { e.Status = AutomationStatus.InProgress; e.OwnerHost = ControllerIdentity.MachineName; e.OwnerProcessId = dead; e.OwnerSince = DateTime.UtcNow; });

        var window = catalog.MaintenanceWindows.Create(new MaintenanceWindow { Name = "takeover", Schedule = "cron(0 3 ? * SUN *)", Duration = 2, Cutoff = 1 });
        var now = DateTime.UtcNow;
        var occurrence = now.AddMinutes(-5);
        var execution = new MaintenanceWindowExecution
        {
            ExecutionId = MaintenanceWindowExecution.MakeId(window.WindowId, occurrence), WindowId = window.WindowId, WindowName = "takeover",
            Occurrence = occurrence, CutoffTime = now.AddHours(1), WindowEnd = now.AddHours(2), StartTime = occurrence,
            Status = WindowExecutionStatus.InProgress, OwnerHost = ControllerIdentity.MachineName, OwnerProcessId = dead, HeartbeatAt = now,
            Tasks = new() { new WindowTaskExecution { WindowTaskId = "t1", TaskName = "rb", Status = WindowTaskStatus.InProgress, AutomationExecutionId = runbook.ExecutionId, AutomationStatus = "InProgress" } },
        };
        Assert.True(catalog.MaintenanceWindows.TryClaim(execution, occurrence));

        var work = await new NodeOpsScheduler(catalog, pool, settings).RunOnceAsync(CancellationToken.None);
        Assert.Equal(ScheduledWork.WindowExecution, Assert.Single(work).Kind);
        var task = catalog.MaintenanceWindows.GetExecution(execution.ExecutionId).Tasks.Single();
        Assert.Equal((WindowTaskStatus.Interrupted, "Cancelled"), (task.Status, task.AutomationStatus));
        Assert.Equal(AutomationStatus.Cancelled, catalog.Automation.Get(runbook.ExecutionId).Status);
    }

    private static AutomationExecution Waiting(string action, Action<AutomationStepExecution> set, bool resumeRequested = false)
    {
        var step = new AutomationStepExecution { Sequence = 2, Action = action, Status = AutomationStepStatus.Waiting };
        set(step);
        return new AutomationExecution { CurrentSequence = 2, Status = AutomationStatus.Waiting, ResumeRequested = resumeRequested, Steps = new() { step } };
    }

    private static AutomationApproval Decision(ApprovalDecision d) => new() { Decision = d };

    [Fact]
    public void A_pass_resumes_an_orphan_only_when_its_wait_is_over()
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        var none = Array.Empty<AutomationApproval>();
        Assert.True(RunbookResumePolicy.IsDue(new AutomationExecution { CurrentSequence = 1, Status = AutomationStatus.Pending }, none, now));
        Assert.False(RunbookResumePolicy.IsDue(Waiting("aws:sleep", s => { s.Status = AutomationStepStatus.InProgress; s.WakeAt = now.AddMinutes(5); }), none, now));
        Assert.True(RunbookResumePolicy.IsDue(Waiting("aws:sleep", s => { s.Status = AutomationStepStatus.InProgress; s.WakeAt = now.AddSeconds(-1); }), none, now));
        Assert.False(RunbookResumePolicy.IsDue(Waiting("aws:approve", s => s.MinRequiredApprovals = 2), new[] { Decision(ApprovalDecision.Approved) }, now));
        Assert.True(RunbookResumePolicy.IsDue(Waiting("aws:approve", s => s.MinRequiredApprovals = 2), new[] { Decision(ApprovalDecision.Approved), Decision(ApprovalDecision.Approved) }, now));
        Assert.True(RunbookResumePolicy.IsDue(Waiting("aws:approve", s => s.MinRequiredApprovals = 2), new[] { Decision(ApprovalDecision.Denied) }, now));
        Assert.False(RunbookResumePolicy.IsDue(Waiting("aws:pause", _ => { }), none, now));
        Assert.True(RunbookResumePolicy.IsDue(Waiting("aws:pause", _ => { }, resumeRequested: true), none, now));
        var cancelled = Waiting("aws:pause", _ => { });
        cancelled.CancelRequested = true;
        Assert.True(RunbookResumePolicy.IsDue(cancelled, none, now));
    }
}

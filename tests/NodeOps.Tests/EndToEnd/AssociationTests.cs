using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>State Manager associations on the real fleet: applied by the scheduler, to new nodes too, with compliance per node.</summary>
[Collection("Fleet")]
public class AssociationTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public AssociationTests() => _ids = TestFleet.Register(_shell, 4);

    public void Dispose() => _shell.Dispose();

    private Dictionary<string, NodeAssociationStatus> Status() =>
        _shell.Run<NodeAssociationStatus>("Get-NodeAssociationStatus baseline").ToDictionary(s => s.NodeId);

    [Fact]
    public void Associations_apply_at_the_next_pass_to_current_and_new_nodes_and_record_compliance()
    {
        _shell.Run("Add-ManagedNodeTag -NodeId $args[0], $args[1] -Tag @{ Patch = 'weekly' }", _ids[0], _ids[1]);
        // Odd-numbered nodes fail the check: node1 is NonCompliant, node2 and node4 Compliant.
        var a = _shell.Run<NodeAssociation>("New-NodeAssociation AWS-RunShellScript -AssociationName baseline -Tag Patch=weekly -ComplianceSeverity HIGH -Parameters @{ commands = 'echo checked; exit $(( $(hostname | tr -dc 0-9) % 2 ))' }").Single();
        Assert.Equal(("100%", "100%", "baseline"), (a.MaxConcurrency, a.MaxErrors, a.DisplayName));
        Assert.Empty(_shell.Run("Get-NodeAssociationStatus baseline"));

        var runs = _shell.Run<NodeAssociationRun>("Invoke-NodeOpsScheduler -Once");
        Assert.Equal(("NewTargets", 2), (Assert.Single(runs).Trigger, runs[0].NodeIds.Count));
        var status = Status();
        Assert.Equal((ComplianceStatus.NonCompliant, "Failed", ComplianceSeverity.High), (status[_ids[0]].ComplianceStatus, status[_ids[0]].Status, status[_ids[0]].Severity));
        Assert.Equal((ComplianceStatus.Compliant, "Success"), (status[_ids[1]].ComplianceStatus, status[_ids[1]].Status));
        Assert.Equal("Association", status[_ids[1]].ComplianceType);
        Assert.Null(status[_ids[0]].LastSuccessfulRunTime);

        // Nothing new: the next pass runs nothing. A node that gets the tag is picked up by the pass after.
        Assert.Empty(_shell.Run("Invoke-NodeOpsScheduler -Once"));
        _shell.Run("Add-ManagedNodeTag -NodeId $args[0] -Tag @{ Patch = 'weekly' }", _ids[3]);
        var second = Assert.Single(_shell.Run<NodeAssociationRun>("Invoke-NodeOpsScheduler -Once"));
        Assert.Equal(new[] { _ids[3] }, second.NodeIds);
        var after = Status();
        Assert.Equal(3, after.Count);
        Assert.Equal(ComplianceStatus.Compliant, after[_ids[3]].ComplianceStatus);
        Assert.Equal(status[_ids[0]].LastRunTime, after[_ids[0]].LastRunTime);
        Assert.Single(_shell.Run("Get-NodeAssociationStatus -ComplianceStatus NonCompliant"));
        Assert.Single(_shell.Run("Get-NodeAssociationStatus -NodeId $args[0]", _ids[3]));

        // Run now on every target; the output is each node's status.
        var now = _shell.Run<NodeAssociationStatus>("Start-NodeAssociation baseline");
        Assert.Equal(3, now.Count);
        Assert.All(now, s => Assert.True(s.LastRunTime > status[_ids[1]].LastRunTime));
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single();
        Assert.Equal(("Association baseline (Manual)", 3), (command.Comment, command.TargetCount));

        // The fleet compliance view holds one Association item per node, from the last run.
        var items = _shell.Run<ComplianceItem>("Get-NodeComplianceItem -Type Association").ToDictionary(i => i.NodeId);
        Assert.Equal(3, items.Count);
        Assert.Equal((a.AssociationId, "baseline", ComplianceStatus.NonCompliant, ComplianceSeverity.High, command.CommandId),
            (items[_ids[0]].Id, items[_ids[0]].Title, items[_ids[0]].Status, items[_ids[0]].Severity, items[_ids[0]].ExecutionId));
        Assert.Equal(("Success", "NodeOps-RunShellScript"), (items[_ids[3]].Details["Status"], items[_ids[3]].Details["DocumentName"]));
        Assert.Equal(ComplianceStatus.Compliant, items[_ids[1]].Status);
        var nonCompliant = Assert.Single(_shell.Run("Get-NodeComplianceSummary").Where(t => (string)t.Properties["Type"].Value == "Association"));
        Assert.Equal((1, 2), ((int)nonCompliant.Properties["NonCompliantCount"].Value, (int)nonCompliant.Properties["CompliantCount"].Value));

        // A scheduled association applies at its cron time only with -ApplyOnlyAtCronInterval.
        _shell.Run("Set-NodeAssociation baseline -ScheduleExpression 'cron(0 3 ? * SUN *)' -ApplyOnlyAtCronInterval $true -MaxConcurrency 1");
        var changed = _shell.Run<NodeAssociation>("Get-NodeAssociation baseline").Single();
        Assert.Equal((2, "1"), (changed.Version, changed.MaxConcurrency));
        Assert.Equal(DayOfWeek.Sunday, changed.NextExecutionTime!.Value.DayOfWeek);
        _shell.Run("Remove-NodeAssociation baseline");
        Assert.Empty(_shell.Run("Get-NodeAssociationStatus"));
        Assert.Empty(_shell.Run("Get-NodeComplianceItem -Type Association"));
    }

    [Fact]
    public void A_scheduled_occurrence_runs_on_every_target_once()
    {
        var at = MaintenanceWindowTests.SoonAt(3);
        _shell.Run("New-NodeAssociation AWS-RunShellScript -AssociationName scheduled -NodeId $args[0], $args[1] -ScheduleExpression $args[2] -Parameters @{ commands = 'hostname' }", _ids[1], _ids[3], at);
        Assert.Equal("NewTargets", Assert.Single(_shell.Run<NodeAssociationRun>("Invoke-NodeOpsScheduler -Once")).Trigger);
        MaintenanceWindowTests.WaitPast(at);
        var run = Assert.Single(_shell.Run<NodeAssociationRun>("Invoke-NodeOpsScheduler -Once"));
        Assert.Equal(("Schedule", "Success", 2), (run.Trigger, run.Status, run.NodeIds.Count));
        Assert.NotNull(run.Occurrence);
        Assert.Empty(_shell.Run("Invoke-NodeOpsScheduler -Once"));
        Assert.All(_shell.Run<NodeAssociationStatus>("Get-NodeAssociationStatus scheduled"), s => Assert.Equal((ComplianceStatus.Compliant, run.CommandId), (s.ComplianceStatus, s.CommandId)));
    }

    [Fact]
    public void Bad_associations_are_refused_before_anything_is_written()
    {
        Assert.Equal("InvalidAssociation", _shell.ExpectErrorId("New-NodeAssociation AWS-RunShellScript -Tag Env=test -Parameters @{ commands = 'true' } -ScheduleExpression 'rate(30 minutes)' -ApplyOnlyAtCronInterval"));
        Assert.Equal("InvalidAssociation", _shell.ExpectErrorId("New-NodeAssociation AWS-RunShellScript -Parameters @{ commands = 'true' }"));
        Assert.Equal("InvalidAssociation", _shell.ExpectErrorId("New-NodeAssociation AWS-RunShellScript -Tag Env=test -Parameters @{ commands = 'true' } -ScheduleExpression 'cron(0 3 ? * SUN *)' -ScheduleOffset 2"));
        Assert.Equal("InvalidSchedule", _shell.ExpectErrorId("New-NodeAssociation AWS-RunShellScript -Tag Env=test -Parameters @{ commands = 'true' } -ScheduleExpression 'rate(1 fortnight)'"));
        Assert.Equal("DocumentParameterInvalid", _shell.ExpectErrorId("New-NodeAssociation AWS-RunShellScript -Tag Env=test"));
        Assert.Equal("NodeNotFound", _shell.ExpectErrorId("New-NodeAssociation AWS-RunShellScript -NodeId mi-nope -Parameters @{ commands = 'true' }"));
        Assert.Equal("AssociationNotFound", _shell.ExpectErrorId("Start-NodeAssociation nope"));
        Assert.Empty(_shell.Run("Get-NodeAssociation"));
    }
}

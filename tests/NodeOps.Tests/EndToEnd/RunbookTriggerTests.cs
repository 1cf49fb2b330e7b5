using System.Management.Automation;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>
/// Runbooks started by the scheduler on the real fleet: a maintenance-window Automation task, an association whose
/// document is a runbook, an orphaned execution resumed by a pass, and the -OnNonCompliant trigger (the seeds'
/// "detect unauthorized software → run a stopping runbook" example).
/// </summary>
[Collection("Fleet")]
public class RunbookTriggerTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly string _root = "/tmp/rt-" + Guid.NewGuid().ToString("N")[..8];

    public RunbookTriggerTests() => Environment.SetEnvironmentVariable("NODEOPS_TEST_HOUR_SECONDS", MaintenanceWindowTests.HourSeconds);

    public void Dispose() => _shell.Dispose();

    private void Add(string name, string yaml) => _shell.Run("New-NodeDocument -Name $args[0] -DocumentType Automation -Content $args[1] | Out-Null", name, yaml);

    /// <summary>Runs a shell line on every registered node: node id → trimmed output.</summary>
    private Dictionary<string, string> OnNodes(string script) =>
        _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -ShellScript $args[0]", script).ToDictionary(i => i.NodeId, i => i.StandardOutput.Trim());

    private const string Touch = """
        schemaVersion: '0.3'
        parameters:
          NodeId: { type: String }
          Root: { type: String }
        mainSteps:
          - name: touch
            action: aws:runCommand
            inputs:
              DocumentName: AWS-RunShellScript
              InstanceIds: ['{{ NodeId }}']
              Parameters:
                commands: ['mkdir -p {{ Root }} && hostname > {{ Root }}/touched']
        """;

    [Fact]
    public void A_window_task_runs_a_runbook_per_target_node_and_records_the_execution()
    {
        var ids = TestFleet.Register(_shell, 3);
        Add("Touch-Marker", Touch);
        Add("Sleep-Long", """
            schemaVersion: '0.3'
            mainSteps:
              - { name: wait, action: aws:sleep, inputs: { Duration: PT5M } }
            """);
        // 4 "hours" of 3 s: the window ends 12 s after it opens.
        var at = MaintenanceWindowTests.SoonAt(3);
        _shell.Run("New-MaintenanceWindow rb-window $args[0] -Duration 4 -Cutoff 1", at);
        _shell.Run("Register-MaintenanceWindowTarget rb-window -NodeId $args[0], $args[1] | Out-Null", ids[0], ids[1]);
        var task = _shell.Run<MaintenanceWindowTask>("Register-MaintenanceWindowTask rb-window -Name touch -DocumentName Touch-Marker -TargetParameterName NodeId -Parameters @{ Root = $args[0] } -MaxConcurrency 1", _root).Single();
        Assert.Equal(("Automation", "NodeId"), (task.TaskType, task.TargetParameterName));
        _shell.Run("Register-MaintenanceWindowTask rb-window -Name sleepy -DocumentName Sleep-Long | Out-Null");

        MaintenanceWindowTests.WaitPast(at);
        Assert.Single(_shell.Run<MaintenanceWindowExecution>("Invoke-NodeOpsScheduler -Once"));
        var e = _shell.Run<MaintenanceWindowExecution>("Get-MaintenanceWindowExecution rb-window").Single();
        var t = e.Tasks.ToDictionary(x => x.TaskName!);
        Assert.Equal(WindowExecutionStatus.TimedOut, e.Status);

        Assert.Equal((WindowTaskStatus.Success, "Success", 2, 0), (t["touch"].Status, t["touch"].AutomationStatus, t["touch"].TargetCount, t["touch"].ErrorCount));
        Assert.Null(t["touch"].CommandId);
        var touched = _shell.Run<AutomationExecution>("Get-NodeAutomationExecution -ExecutionId $args[0]", t["touch"].AutomationExecutionId!).Single();
        Assert.Equal(("NodeId", AutomationStatus.Success, "1"), (touched.TargetParameterName, touched.Status, touched.MaxConcurrency));
        Assert.Equal(new[] { ids[0], ids[1] }.Order(), touched.Children.Select(c => c.TargetNodeId!).Order());
        Assert.All(touched.Children, c => Assert.Equal(AutomationStatus.Success, c.Status));
        // One child per window target; the third node is not a target.
        var files = OnNodes($"cat {_root}/touched 2>/dev/null || true");
        Assert.Equal((TestFleet.Nodes[0].Name, TestFleet.Nodes[1].Name, ""), (files[ids[0]], files[ids[1]], files[ids[2]]));

        // The window ended under the sleeping runbook: it was cancelled and recorded TimedOut, here and in the execution.
        Assert.Equal((WindowTaskStatus.TimedOut, "TimedOut"), (t["sleepy"].Status, t["sleepy"].AutomationStatus));
        Assert.True(t["sleepy"].EndTime >= e.WindowEnd.AddSeconds(-1));
        var slept = _shell.Run<AutomationExecution>("Get-NodeAutomationExecution -ExecutionId $args[0]", t["sleepy"].AutomationExecutionId!).Single();
        Assert.Equal(AutomationStatus.TimedOut, slept.Status);
        Assert.Contains("rb-window ended", slept.FailureMessage);
    }

    [Fact]
    public void An_association_with_a_runbook_gives_each_node_the_compliance_of_its_execution()
    {
        var ids = TestFleet.Register(_shell, 3);
        Add("Check-Marker", """
            schemaVersion: '0.3'
            parameters:
              InstanceId: { type: String }
              Root: { type: String }
            mainSteps:
              - name: check
                action: aws:runCommand
                inputs:
                  DocumentName: AWS-RunShellScript
                  InstanceIds: ['{{ InstanceId }}']
                  Parameters:
                    commands: ['test -f {{ Root }}/present']
            """);
        OnNodes($"rm -rf {_root}; mkdir -p {_root}");
        _shell.Run("Invoke-NodeCommand -NodeId $args[0] -ShellScript $args[1] | Out-Null", ids[1], $"touch {_root}/present");

        var a = _shell.Run<NodeAssociation>("New-NodeAssociation Check-Marker -AssociationName rb-assoc -NodeId $args[0], $args[1], $args[2] -AutomationTargetParameterName InstanceId -Parameters @{ Root = $args[3] } -ComplianceSeverity HIGH",
            ids[0], ids[1], ids[2], _root).Single();
        Assert.Equal("InstanceId", a.AutomationTargetParameterName);
        var run = Assert.Single(_shell.Run<NodeAssociationRun>("Invoke-NodeOpsScheduler -Once"));
        Assert.Equal(("NewTargets", "Failed"), (run.Trigger, run.Status));
        var execution = _shell.Run<AutomationExecution>("Get-NodeAutomationExecution -ExecutionId $args[0]", run.AutomationExecutionId!).Single();
        var children = execution.Children.ToDictionary(c => c.TargetNodeId!);
        Assert.Equal(3, children.Count);

        var status = _shell.Run<NodeAssociationStatus>("Get-NodeAssociationStatus rb-assoc").ToDictionary(s => s.NodeId);
        Assert.Equal((ComplianceStatus.Compliant, "Success", children[ids[1]].ExecutionId), (status[ids[1]].ComplianceStatus, status[ids[1]].Status, status[ids[1]].CommandId));
        Assert.Equal((ComplianceStatus.NonCompliant, "Failed"), (status[ids[0]].ComplianceStatus, status[ids[0]].Status));
        Assert.Equal(ComplianceStatus.NonCompliant, status[ids[2]].ComplianceStatus);
        Assert.Contains("Automation execution " + children[ids[0]].ExecutionId, status[ids[0]].Details);
        var items = _shell.Run<ComplianceItem>("Get-NodeComplianceItem -Type Association").ToDictionary(i => i.NodeId);
        Assert.Equal((ComplianceStatus.Compliant, ComplianceStatus.NonCompliant, ComplianceSeverity.High), (items[ids[1]].Status, items[ids[0]].Status, items[ids[0]].Severity));
        OnNodes($"rm -rf {_root}");
    }

    [Fact]
    public void A_pass_resumes_a_runbook_whose_process_ended()
    {
        Add("Quick", """
            schemaVersion: '0.3'
            mainSteps:
              - { name: a, action: aws:executeScript, maxAttempts: 2, inputs: { Script: '@{ v = 7 }' }, outputs: [{ Name: V, Selector: $.v, Type: Integer }] }
            """);
        // Started without -Wait in a process that exits at once: the execution is left behind with a dead owner.
        var (code, stdout, stderr) = HostProcess.Run($"Start-NodeAutomation Quick -CatalogPath '{_shell.CatalogPath}' | Out-Null");
        Assert.True(code == 0, stderr + stdout);
        var left = _shell.Run<AutomationExecution>("Get-NodeAutomationExecution -DocumentName Quick").Single();
        if (!left.IsFinished)
        {
            var resumed = _shell.Run<AutomationExecution>("Invoke-NodeOpsScheduler -Once").Single();
            Assert.True(resumed.Status == AutomationStatus.Success, resumed.FailureMessage);
            Assert.Equal(left.ExecutionId, resumed.ExecutionId);
        }
        Assert.Equal(7L, _shell.Run<AutomationExecution>("Get-NodeAutomationExecution -DocumentName Quick").Single().Outputs["a.V"]);
        Assert.Empty(_shell.Run("Invoke-NodeOpsScheduler -Once"));
    }

    [Fact]
    public void Unauthorized_software_found_on_one_node_starts_the_stopping_runbook_for_that_node_once()
    {
        var ids = TestFleet.Register(_shell, 3);
        Add("Stop-UnauthorizedSoftware", """
            schemaVersion: '0.3'
            parameters:
              NodeId: { type: String }
              ComplianceItemId: { type: String }
              Root: { type: String }
            mainSteps:
              - name: stop
                action: aws:runCommand
                inputs:
                  DocumentName: AWS-RunShellScript
                  InstanceIds: ['{{ NodeId }}']
                  Parameters:
                    commands: ['rm -f {{ Root }}/{{ ComplianceItemId }}']
            """);
        var trigger = _shell.Run<NodeAutomationTrigger>("Register-NodeAutomationTrigger stop-unauthorized -DocumentName Stop-UnauthorizedSoftware -OnNonCompliant custom:UnauthorizedSoftware -Severity Critical, High -Parameter @{ Root = $args[0] }", _root).Single();
        Assert.Equal(("Custom:UnauthorizedSoftware", "*", "NodeId"), (trigger.ComplianceType, trigger.ItemId, trigger.TargetParameterName));

        // The "software" is a marker file, found by a detection pass that reports per node.
        OnNodes($"rm -rf {_root}; mkdir -p {_root}");
        _shell.Run("Invoke-NodeCommand -NodeId $args[0] -ShellScript $args[1] | Out-Null", ids[1], $"touch {_root}/cryptominer");
        void Detect() => _shell.Run("""
            Invoke-NodeCommand -Tag Env=test -ShellScript "test -e $($args[0])/cryptominer && echo found || echo clean" | ForEach-Object {
                $status = if ($_.StandardOutput.Trim() -eq 'found') { 'NonCompliant' } else { 'Compliant' }
                Set-NodeComplianceItem -NodeId $_.NodeId -Type Custom:UnauthorizedSoftware -Item @{ Id = 'cryptominer'; Status = $status; Severity = 'CRITICAL' }
            }
            """, _root);
        Detect();
        Detect(); // a second report of an item that is already NonCompliant is not a transition
        var pending = _shell.Run<NodeAutomationTriggerEvent>("Get-NodeAutomationTrigger stop-unauthorized -Event").Single();
        Assert.Equal((ids[1], "cryptominer", TriggerEventStatus.Pending, (ComplianceStatus?)null), (pending.NodeId, pending.ItemId, pending.Status, pending.PreviousStatus));

        var started = _shell.Run<AutomationExecution>("Invoke-NodeOpsScheduler -Once").Single();
        Assert.Equal((pending.AutomationExecutionId, AutomationStatus.Success), (started.ExecutionId, started.Status));
        Assert.Contains(ids[1], started.ParametersJson);
        Assert.Contains("cryptominer", started.ParametersJson);
        Assert.Equal(TriggerEventStatus.Started, _shell.Run<NodeAutomationTriggerEvent>("Get-NodeAutomationTrigger stop-unauthorized -Event").Single().Status);

        // Only that node's file went; a re-check finds every node compliant; the next pass starts nothing.
        Detect();
        Assert.All(_shell.Run<ComplianceItem>("Get-NodeComplianceItem -Type Custom:UnauthorizedSoftware"), i => Assert.Equal(ComplianceStatus.Compliant, i.Status));
        Assert.Empty(_shell.Run("Invoke-NodeOpsScheduler -Once"));
        Assert.Single(_shell.Run("Get-NodeAutomationExecution -DocumentName Stop-UnauthorizedSoftware"));

        // A severity the trigger does not cover fires nothing; after Unregister nothing fires either.
        _shell.Run("Set-NodeComplianceItem -NodeId $args[0] -Type Custom:UnauthorizedSoftware -Item @{ Id = 'game'; Status = 'NonCompliant'; Severity = 'LOW' } -UploadType Partial", ids[0]);
        _shell.Run("Unregister-NodeAutomationTrigger stop-unauthorized");
        _shell.Run("Set-NodeComplianceItem -NodeId $args[0] -Type Custom:UnauthorizedSoftware -Item @{ Id = 'cryptominer'; Status = 'NonCompliant'; Severity = 'CRITICAL' }", ids[2]);
        Assert.Empty(_shell.Run("Invoke-NodeOpsScheduler -Once"));
        Assert.Empty(_shell.Run("Get-NodeAutomationTrigger"));
        OnNodes($"rm -rf {_root}");
    }

    [Fact]
    public void Bad_triggers_and_runbook_tasks_are_refused_with_error_ids()
    {
        Add("Touch-Marker", Touch);
        _shell.Run("New-MaintenanceWindow bad-window 'cron(0 3 ? * SUN *)' -Duration 2 -Cutoff 1 | Out-Null");
        var cases = new (string Script, string Id, ErrorCategory Category)[]
        {
            ("Register-NodeAutomationTrigger t1 -DocumentName AWS-RunShellScript -OnNonCompliant Custom:X", "DocumentTypeNotRunnable", ErrorCategory.InvalidArgument),
            ("Register-NodeAutomationTrigger t1 -DocumentName Touch-Marker -OnNonCompliant Custom:X -TargetParameterName InstanceId -Parameter @{ Root = '/tmp' }", "InvalidTargetParameter", ErrorCategory.InvalidArgument),
            ("Register-NodeAutomationTrigger t1 -DocumentName Touch-Marker -OnNonCompliant Bogus -Parameter @{ Root = '/tmp' }", "InvalidComplianceType", ErrorCategory.InvalidArgument),
            ("Register-NodeAutomationTrigger t1 -DocumentName Touch-Marker -OnNonCompliant Custom:X", "DocumentParameterInvalid", ErrorCategory.InvalidArgument),
            ("Register-NodeAutomationTrigger t1 -DocumentName No-Such -OnNonCompliant Custom:X", "DocumentNotFound", ErrorCategory.ObjectNotFound),
            ("Unregister-NodeAutomationTrigger nope", "AutomationTriggerNotFound", ErrorCategory.ObjectNotFound),
            ("Get-NodeAutomationTrigger nope", "AutomationTriggerNotFound", ErrorCategory.ObjectNotFound),
            ("Register-MaintenanceWindowTask bad-window -DocumentName AWS-RunShellScript -Parameters @{ commands = 'true' } -TargetParameterName NodeId", "InvalidTargetParameter", ErrorCategory.InvalidArgument),
            ("Register-MaintenanceWindowTask bad-window -DocumentName Touch-Marker -TargetParameterName Nope -Parameters @{ Root = '/tmp' }", "InvalidTargetParameter", ErrorCategory.InvalidArgument),
            ("Register-MaintenanceWindowTask bad-window -DocumentName Touch-Marker -TargetParameterName NodeId", "DocumentParameterInvalid", ErrorCategory.InvalidArgument),
            ("New-NodeAssociation AWS-RunShellScript -Tag Env=test -Parameters @{ commands = 'true' } -AutomationTargetParameterName NodeId", "InvalidTargetParameter", ErrorCategory.InvalidArgument),
        };
        foreach (var (script, id, category) in cases)
        {
            var error = _shell.ExpectError(script);
            Assert.True(error.FullyQualifiedErrorId.StartsWith(id + ","), $"{script}: {error.FullyQualifiedErrorId}");
            Assert.Equal(category, error.CategoryInfo.Category);
        }
        Assert.Empty(_shell.Run("Get-NodeAutomationTrigger"));
        Assert.Empty(_shell.Run("Get-MaintenanceWindowTask bad-window"));
        Assert.Empty(_shell.Run("Get-NodeAssociation"));

        _shell.Run("Register-NodeAutomationTrigger t1 -DocumentName Touch-Marker -OnNonCompliant 'Check:*' -Parameter @{ Root = '/tmp' } | Out-Null");
        var twice = _shell.ExpectError("Register-NodeAutomationTrigger t1 -DocumentName Touch-Marker -OnNonCompliant Custom:X -Parameter @{ Root = '/tmp' }");
        Assert.StartsWith("AutomationTriggerExists,", twice.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, twice.CategoryInfo.Category);
        Assert.Equal("Check:*", _shell.Run<NodeAutomationTrigger>("Get-NodeAutomationTrigger t*").Single().ComplianceType);
        Assert.Empty(_shell.Run("Register-NodeAutomationTrigger t2 -DocumentName Touch-Marker -OnNonCompliant Custom:X -Parameter @{ Root = '/tmp' } -WhatIf"));
        Assert.Single(_shell.Run("Get-NodeAutomationTrigger"));
    }
}

using System.Diagnostics;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Runbooks that change real fleet nodes: staged rollout with approval, rate control, kill-then-resume, node state.</summary>
[Collection("Fleet")]
public class AutomationFleetTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly NodeOpsShell _shell = new();
    private readonly string _root = "/tmp/rb-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _shell.Dispose();

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Documents", name);

    private void Add(string name, string yaml) => _shell.Run("New-NodeDocument -Name $args[0] -DocumentType Automation -Content $args[1] | Out-Null", name, yaml);

    private AutomationExecution Get(string id) => AutomationPolling.Get(_shell, id);

    private AutomationExecution WaitFor(string id, Func<AutomationExecution, bool> condition) => AutomationPolling.WaitFor(_shell, id, condition, Limit);

    /// <summary>What each node holds in a file (node name → content).</summary>
    private Dictionary<string, string> Files(string path, string tag = "Env=test") =>
        _shell.Run<NodeCommandInvocation>($"Invoke-NodeCommand -Tag {tag} -ShellScript $args[0]", $"cat {path} 2>/dev/null || true")
            .ToDictionary(i => i.NodeName, i => i.StandardOutput.Trim());

    private List<string> StageNodes()
    {
        var ids = TestFleet.Register(_shell, TestFleet.Nodes.Count);
        _shell.Run("Add-ManagedNodeTag -NodeId $args[0] -Tag @{ Stage = 'canary' }", ids[0]);
        foreach (var id in ids.Skip(1)) _shell.Run("Add-ManagedNodeTag -NodeId $args[0] -Tag @{ Stage = 'main' }", id);
        _shell.Run("New-NodeDocument -Name Staged-Rollout -Path $args[0] | Out-Null", SamplePath("staged-rollout.yaml"));
        return ids;
    }

    [Fact]
    public void Staged_rollout_waits_for_an_approval_given_from_a_second_process_then_rolls_out_everywhere()
    {
        var ids = StageNodes();
        var started = _shell.Run<AutomationExecution>("Start-NodeAutomation Staged-Rollout @{ Version = '2.4.1'; Root = $args[0]; Approver = $args[1] }",
            _root, Environment.UserName).Single();
        Assert.Equal(AutomationStatus.Pending, started.Status);

        var waiting = WaitFor(started.ExecutionId, e => e.Status == AutomationStatus.Waiting);
        Assert.Equal("approve", waiting.CurrentStep);
        Assert.Equal(new[] { "preCheck", "plan", "canary", "approve" }, waiting.Steps.Select(s => s.StepName));
        Assert.Equal("The canary runs release-2.4.1. Roll it out to the rest?", waiting.Steps[3].Message);
        // Only the canary has changed while the rollout waits.
        var during = Files($"{_root}/version");
        Assert.Equal("release-2.4.1", during[TestFleet.Nodes[0].Name]);
        Assert.All(during.Where(f => f.Key != TestFleet.Nodes[0].Name), f => Assert.Equal("", f.Value));

        var (code, stdout, stderr) = HostProcess.Run($"Approve-NodeAutomation -ExecutionId {started.ExecutionId} -Comment 'canary healthy' -CatalogPath '{_shell.CatalogPath}'");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("Approved", stdout);

        var done = WaitFor(started.ExecutionId, e => e.IsFinished);
        Assert.Equal(AutomationStatus.Success, done.Status);
        Assert.Equal(new[] { "preCheck", "plan", "canary", "approve", "rest", "postCheck", "verdict", "done" }, done.Steps.Select(s => s.StepName));
        Assert.All(done.Steps, s => Assert.Equal(AutomationStepStatus.Success, s.Status));
        Assert.Equal("done", done.Steps.Single(s => s.StepName == "verdict").NextStep);
        // Outputs passed between steps: preCheck's output counted by plan, plan's marker written by canary and rest.
        Assert.Equal((long)ids.Count, Convert.ToInt64(done.Outputs["plan.NodeCount"]));
        Assert.Equal("release-2.4.1", done.Outputs["plan.Marker"]);
        Assert.Contains("release-2.4.1", done.Steps.Single(s => s.StepName == "canary").Inputs["Parameters"]);
        var approval = done.Steps.Single(s => s.StepName == "approve");
        Assert.Contains("canary healthy", approval.OutputsJson);
        Assert.Equal("Approved", approval.Outputs["ApprovalStatus"]);
        var rest = done.Steps.Single(s => s.StepName == "rest");
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -CommandId $args[0]", rest.CommandId!).Single();
        Assert.Equal(ids.Count - 1, command.TargetCount);
        Assert.All(Files($"{_root}/version").Values, v => Assert.Equal("release-2.4.1", v));
    }

    [Fact]
    public void A_failing_change_rolls_back_every_node_and_the_execution_fails()
    {
        StageNodes();
        var failOn = TestFleet.Nodes[3].Name;
        var e = _shell.Run<AutomationExecution>("Start-NodeAutomation Staged-Rollout @{ Version = '3.0'; Root = $args[0]; Approver = $args[1]; FailOn = $args[2] }",
            _root, Environment.UserName, failOn).Single();
        WaitFor(e.ExecutionId, x => x.Status == AutomationStatus.Waiting);
        _shell.Run("Approve-NodeAutomation $args[0] | Out-Null", e.ExecutionId);
        var done = WaitFor(e.ExecutionId, x => x.IsFinished);

        Assert.Equal(AutomationStatus.Failed, done.Status);
        Assert.Equal("rest", done.FailedStep);
        Assert.Equal(new[] { "preCheck", "plan", "canary", "approve", "rest", "rollback" }, done.Steps.Select(s => s.StepName));
        var rest = done.Steps.Single(s => s.StepName == "rest");
        Assert.Equal((AutomationStepStatus.Failed, "rollback"), (rest.Status, rest.NextStep));
        Assert.Contains(failOn, rest.FailureMessage);
        Assert.Equal("CommandFailed", rest.ErrorId);
        Assert.Equal(AutomationStepStatus.Success, done.Steps[^1].Status);
        Assert.All(Files($"{_root}/version").Values, v => Assert.Equal("", v));
        Assert.All(Files($"{_root}/rollback").Values, v => Assert.Equal("rolled-back", v));
    }

    [Fact]
    public void Rate_control_runs_one_child_per_target_over_ten_targets_within_the_limits()
    {
        TestFleet.Register(_shell, TestFleet.Nodes.Count);
        // Ten targets: the fleet's nodes, and more registrations of the first ones under other names.
        foreach (var n in TestFleet.Nodes.Take(10 - TestFleet.Nodes.Count))
            _shell.Run("Register-ManagedNode -Name $args[0] -Address $args[1] -Port $args[2] -UserName $args[3] -KeyFilePath $args[4] -Tag @{ Env = 'test' } | Out-Null",
                n.Name + "-again", n.Address, n.Port, n.User, n.KeyFile);
        Add("Mark-Node", """
            schemaVersion: '0.3'
            parameters:
              InstanceId: { type: String }
              Root: { type: String }
            mainSteps:
              - name: mark
                action: aws:runCommand
                inputs:
                  DocumentName: AWS-RunShellScript
                  InstanceIds: ['{{ InstanceId }}']
                  Parameters: { commands: ['mkdir -p {{ Root }}; echo {{ InstanceId }} >> {{ Root }}/log; sleep 1'] }
            """);
        var parent = _shell.Run<AutomationExecution>(
            "Start-NodeAutomation Mark-Node @{ Root = $args[0] } -TargetParameterName InstanceId -Tag Env=test -MaxConcurrency 3 -Wait", _root).Single();

        Assert.Equal(AutomationStatus.Success, parent.Status);
        Assert.Equal(10, parent.TargetNodeIds.Count);
        Assert.Equal(10, parent.Children.Count);
        Assert.All(parent.Children, c => Assert.Equal(AutomationStatus.Success, c.Status));
        Assert.Equal(parent.TargetNodeIds.OrderBy(x => x), parent.Children.Select(c => c.TargetNodeId!).OrderBy(x => x));
        var steps = parent.Children.Select(c => Get(c.ExecutionId).Steps.Single()).ToList();
        var overlap = steps.Max(s => steps.Count(o => o.StartTime < s.EndTime && o.EndTime > s.StartTime && o.StartTime <= s.StartTime));
        Assert.InRange(overlap, 2, 3);
        // Every target wrote its own id once: two registrations share each of the first nodes.
        var logs = Files($"{_root}/log").Where(f => !f.Key.EndsWith("-again", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal(10, logs.Values.Sum(v => v.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(parent.TargetNodeIds.OrderBy(x => x), logs.Values.SelectMany(v => v.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Distinct().OrderBy(x => x));

        // MaxErrors: once more than one child has failed, no new child starts.
        Add("Always-Fails", """
            schemaVersion: '0.3'
            parameters: { InstanceId: { type: String } }
            mainSteps:
              - { name: fail, action: aws:executeScript, inputs: { Script: 'throw "no good on {{ InstanceId }}"' } }
            """);
        var failed = _shell.Run<AutomationExecution>("Start-NodeAutomation Always-Fails -TargetParameterName InstanceId -Tag Env=test -MaxConcurrency 2 -MaxErrors 1 -Wait").Single();
        Assert.Equal(AutomationStatus.Failed, failed.Status);
        var ran = failed.Children.Where(c => c.Status == AutomationStatus.Failed).ToList();
        var skipped = failed.Children.Where(c => c.Status == AutomationStatus.Cancelled).ToList();
        Assert.InRange(ran.Count, 2, 3);
        Assert.Equal(10, ran.Count + skipped.Count);
        Assert.All(skipped, c => Assert.StartsWith("Not started: more than MaxErrors (1)", c.FailureMessage));
        Assert.All(ran, c => Assert.Contains("ScriptFailed", Get(c.ExecutionId).Steps.Single().ErrorId));
    }

    [Fact]
    public void Killed_mid_runbook_then_resumed_no_completed_step_runs_twice()
    {
        var node = TestFleet.Register(_shell, 1).Single();
        Add("Counter", """
            schemaVersion: '0.3'
            parameters:
              Node: { type: String }
              Root: { type: String }
            mainSteps:
              - name: one
                action: aws:runCommand
                inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ Node }}'], Parameters: { commands: ['mkdir -p {{ Root }}; echo one >> {{ Root }}/counter'] } }
              - name: stamp
                action: aws:executeScript
                inputs: { Script: '@{ Stamp = "s" + [Random]::Shared.Next(100000, 999999) }' }
                outputs: [{ Name: Stamp, Selector: $.Stamp, Type: String }]
              - name: two
                action: aws:runCommand
                maxAttempts: 2
                inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ Node }}'], Parameters: { commands: ['echo two >> {{ Root }}/counter; if [ ! -f {{ Root }}/slept ]; then touch {{ Root }}/slept; sleep 45; fi'] } }
              - name: three
                action: aws:runCommand
                inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ Node }}'], Parameters: { commands: ['echo three {{ stamp.Stamp }} >> {{ Root }}/counter'] } }
            """);
        var psi = new ProcessStartInfo(TestPaths.HostExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"Start-NodeAutomation Counter @{{ Node = '{node}'; Root = '{_root}' }} -Wait -CatalogPath '{_shell.CatalogPath}'");
        string id;
        using (var host = Process.Start(psi)!)
        {
            var hostOutput = host.StandardOutput.ReadToEndAsync();
            var hostErrors = host.StandardError.ReadToEndAsync();
            try
            {
                var deadline = DateTime.UtcNow + Limit;
                var seen = "";
                while (true)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the runbook never reached step two: " + seen);
                    if (host.HasExited) Assert.Fail($"the host ended early ({seen}): {hostErrors.Result}{hostOutput.Result}");
                    var e = _shell.Run<AutomationExecution>("Get-NodeAutomationExecution -DocumentName Counter").SingleOrDefault();
                    var counter = Files($"{_root}/counter").Values.Single();
                    seen = $"{string.Join(",", e?.Steps.Select(x => $"{x.StepName}:{x.Status}") ?? Array.Empty<string>())} counter={counter}";
                    if (e?.Steps.LastOrDefault() is { StepName: "two", Status: AutomationStepStatus.InProgress, CommandId: not null } && counter.Contains("two"))
                    {
                        id = e.ExecutionId;
                        break;
                    }
                    Thread.Sleep(300);
                }
            }
            finally
            {
                host.Kill(entireProcessTree: true);
                host.WaitForExit(10_000);
            }
        }
        var orphan = Get(id);
        Assert.Equal(AutomationStatus.InProgress, orphan.Status);
        Assert.Equal("two", orphan.CurrentStep);
        var stamp = (string)orphan.Outputs["stamp.Stamp"]!;

        var resumed = _shell.Run<AutomationExecution>("Resume-NodeAutomation -ExecutionId $args[0] -Wait", id).Single();
        Assert.Equal(AutomationStatus.Success, resumed.Status);
        Assert.Equal(new[] { "one", "stamp", "two", "three" }, resumed.Steps.Select(s => s.StepName));
        Assert.Equal(new[] { 1, 1, 2, 1 }, resumed.Steps.Select(s => s.Attempt));
        Assert.Equal(new[] { false, false, true, false }, resumed.Steps.Select(s => s.Interrupted));
        Assert.Equal(stamp, resumed.Outputs["stamp.Stamp"]);
        // The node saw one and three once; two twice, as it was interrupted and its maxAttempts allowed a retry.
        Assert.Equal($"one\ntwo\ntwo\nthree {stamp}", Files($"{_root}/counter").Values.Single());
        // The Run Command the killed process left behind was marked Interrupted.
        var firstTry = _shell.Run<NodeCommand>("Get-NodeCommand -CommandId $args[0]", orphan.Steps[2].CommandId!).Single();
        Assert.Equal(CommandStatus.Interrupted, firstTry.Status);
    }

    [Fact]
    public void A_secret_passed_to_a_command_is_masked_in_the_step_the_command_and_its_output()
    {
        var node = TestFleet.Register(_shell, 1).Single();
        _shell.Run("Set-NodeParameter /rb/db/password ([Net.NetworkCredential]::new('', 'Pa55-w0rd-x').SecurePassword) | Out-Null");
        Add("Use-Secret", """
            schemaVersion: '0.3'
            parameters: { Node: { type: String } }
            mainSteps:
              - name: use
                action: aws:runCommand
                inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ Node }}'], Parameters: { commands: ['echo "secret is {{ ssm-secure:/rb/db/password }}"'] } }
                outputs: [{ Name: Said, Selector: $.Output, Type: String }]
            """);
        var e = _shell.Run<AutomationExecution>("Start-NodeAutomation Use-Secret @{ Node = $args[0] } -Wait", node).Single();
        Assert.Equal(AutomationStatus.Success, e.Status);
        var step = e.Steps.Single();
        Assert.Equal("secret is ****", ((string)step.Outputs["Said"]!).Trim());
        Assert.Contains("****", step.Inputs["Parameters"]);
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -CommandId $args[0]", step.CommandId!).Single();
        Assert.DoesNotContain("Pa55-w0rd-x", string.Join(" ", command.Parameters.Values));
        var output = _shell.Run<NodeCommandInvocation>("Get-NodeCommandInvocation -CommandId $args[0] -Detail", step.CommandId!).Single();
        Assert.Equal("secret is ****", output.StandardOutput.Trim());
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_shell.CatalogPath)!, "catalog*"))
            Assert.DoesNotContain("Pa55-w0rd-x", File.ReadAllText(file));
    }

    [Fact]
    public void Restart_node_sends_the_configured_command_and_waits_for_the_node_to_come_back()
    {
        var ids = TestFleet.Register(_shell, TestFleet.Nodes.Count);
        var index = TestFleet.Nodes.Count;
        // The nodes share this machine's kernel: the test's restart stops only this node's sshd, never a reboot.
        Add("Restart-One", """
            schemaVersion: '0.3'
            parameters: { Node: { type: String } }
            mainSteps:
              - { name: restart, action: nodeops:restartNode, timeoutSeconds: 60, inputs: { NodeId: '{{ Node }}', RestartCommand: 'kill $(cat /run/sshd.pid)' } }
              - name: check
                action: aws:runCommand
                inputs: { DocumentName: AWS-RunShellScript, InstanceIds: ['{{ Node }}'], Parameters: { commands: [hostname] } }
                outputs: [{ Name: Host, Selector: $.Output, Type: String }]
            """);
        var e = _shell.Run<AutomationExecution>("Start-NodeAutomation Restart-One @{ Node = $args[0] }", ids[^1]).Single();
        try
        {
            var down = WaitFor(e.ExecutionId, x => x.Steps.FirstOrDefault()?.Phase == "offline" || x.IsFinished);
            Assert.False(down.IsFinished, down.FailureMessage);
            StartAgain(index);
            var done = WaitFor(e.ExecutionId, x => x.IsFinished);
            Assert.True(done.Status == AutomationStatus.Success, string.Join("; ", done.Steps.Select(x => $"{x.StepName} {x.Status} {x.FailureMessage}")));
            Assert.Equal("online", done.Steps[0].Outputs["State"]);
            Assert.NotNull(done.Steps[0].CommandId);
            Assert.Equal(TestFleet.Nodes[^1].Name, ((string)done.Outputs["check.Host"]!).Trim());
        }
        finally
        {
            StartAgain(index);
        }
    }

    [Fact]
    public void Wait_for_node_state_follows_a_node_going_offline_and_back()
    {
        var ids = TestFleet.Register(_shell, TestFleet.Nodes.Count);
        var index = TestFleet.Nodes.Count;
        Add("Watch-Node", """
            schemaVersion: '0.3'
            parameters: { Node: { type: String } }
            mainSteps:
              - { name: down, action: nodeops:waitForNodeState, timeoutSeconds: 60, inputs: { NodeId: '{{ Node }}', State: offline } }
              - { name: up, action: nodeops:waitForNodeState, timeoutSeconds: 60, inputs: { NodeId: '{{ Node }}', State: online } }
            """);
        var e = _shell.Run<AutomationExecution>("Start-NodeAutomation Watch-Node @{ Node = $args[0] }", ids[^1]).Single();
        try
        {
            WaitFor(e.ExecutionId, x => x.Steps.Count == 1 && x.Steps[0].Status == AutomationStepStatus.InProgress);
            Thread.Sleep(1000);
            Assert.Equal("down", Get(e.ExecutionId).CurrentStep);
            // Pooled sessions keep processes on the node, which would hold its root busy and stop it restarting.
            _shell.Run("Clear-NodeConnectionPool");
            TestFleet.Control("stop", index.ToString());
            WaitFor(e.ExecutionId, x => x.CurrentStep == "up");
            StartAgain(index);
            var done = WaitFor(e.ExecutionId, x => x.IsFinished);
            Assert.True(done.Status == AutomationStatus.Success, string.Join("; ", done.Steps.Select(x => $"{x.StepName} {x.Status} {x.FailureMessage}")));
            Assert.Equal("online", done.Steps[1].Outputs["State"]);
        }
        finally
        {
            StartAgain(index);
        }
    }

    /// <summary>
    /// Starts a stopped node; while the processes of closed sessions are still ending, its root is busy and
    /// the start fails, so it is tried again for a few seconds.
    /// </summary>
    private static void StartAgain(int index)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                TestFleet.Control("start", index.ToString());
                return;
            }
            catch (InvalidOperationException) when (attempt < 15)
            {
                Thread.Sleep(1000);
            }
        }
    }
}

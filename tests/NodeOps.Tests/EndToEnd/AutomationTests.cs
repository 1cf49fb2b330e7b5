using System.Diagnostics;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Runbooks whose steps run on the controller: validation, errors, flow, approvals, cancel, pause, interactive mode, secrets, nesting, resume.</summary>
public class AutomationTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly NodeOpsShell _shell = new();

    public void Dispose() => _shell.Dispose();

    private void Add(string name, string yaml) => _shell.Run("New-NodeDocument -Name $args[0] -DocumentType Automation -Content $args[1] | Out-Null", name, yaml);

    private AutomationExecution Get(string id) => AutomationPolling.Get(_shell, id);

    private AutomationExecution Start(string script, params object[] args) => _shell.Run<AutomationExecution>(script, args).Single();

    private AutomationExecution WaitFor(string id, Func<AutomationExecution, bool> condition) => AutomationPolling.WaitFor(_shell, id, condition, Limit);

    private const string Gate = """
        schemaVersion: '0.3'
        parameters:
          Approver: { type: String }
          Count: { type: Integer, default: 2 }
        mainSteps:
          - name: ask
            action: aws:approve
            inputs: { Approvers: ['{{ Approver }}'], MinRequiredApprovals: 1, Message: 'Go?' }
            onFailure: step:undo
          - name: work
            action: aws:executeScript
            inputs: { InputPayload: { n: '{{ Count }}' }, Script: 'param($n) @{ Double = $n * 2 }' }
            outputs: [{ Name: Double, Selector: $.Payload.Double, Type: Integer }]
            isEnd: true
          - name: undo
            action: aws:executeScript
            inputs: { Script: '"undone"' }
        """;

    [Fact]
    public void Bad_runbooks_and_bad_parameters_are_refused_with_located_errors_and_nothing_is_recorded()
    {
        var bad = _shell.ExpectError("New-NodeDocument -Name Broken -DocumentType Automation -Content $args[0]", """
            schemaVersion: '0.3'
            mainSteps:
              - name: a
                action: aws:sleep
                inputs: { Duration: soon }
                onFailure: step:nowhere
            """);
        Assert.StartsWith("DocumentInvalid,", bad.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, bad.CategoryInfo.Category);
        Assert.Contains("2 problems", bad.Exception.Message);
        Assert.Contains("Broken:5:", bad.Exception.Message);
        Assert.Contains("Broken:6:16: step 'a': onFailure names step 'nowhere'", bad.Exception.Message);
        Assert.Empty(_shell.Run("Get-NodeDocument -Name Broken -ErrorAction SilentlyContinue"));

        Add("Gate", Gate);
        var wrongType = _shell.ExpectError("Start-NodeAutomation Gate @{ Approver = 'x'; Count = 'many' }");
        Assert.StartsWith("DocumentParameterInvalid,NodeOps.Cmdlets.StartNodeAutomationCommand", wrongType.FullyQualifiedErrorId);
        Assert.Contains("'Count' expects an Integer", wrongType.Exception.Message);
        Assert.Contains("'Approver' is required", _shell.ExpectError("Start-NodeAutomation Gate").Exception.Message);
        Assert.Contains("'Nope' is not a parameter of Gate", _shell.ExpectError("Start-NodeAutomation Gate @{ Approver = 'x'; Nope = 1 }").Exception.Message);
        Assert.StartsWith("DocumentNotFound,", _shell.ExpectError("Start-NodeAutomation No-Such-Runbook").FullyQualifiedErrorId);
        var command = _shell.ExpectError("Start-NodeAutomation AWS-RunShellScript @{ commands = 'true' }");
        Assert.StartsWith("DocumentTypeNotRunnable,", command.FullyQualifiedErrorId);
        var noName = _shell.ExpectError("Start-NodeAutomation Gate @{ Approver = 'x' } -Tag Env=test");
        Assert.StartsWith("InvalidTargetParameter,", noName.FullyQualifiedErrorId);
        _shell.Run("Register-ManagedNode -Name rc1 -Address 127.0.0.1 | Out-Null");
        var unknown = _shell.ExpectError("Start-NodeAutomation Gate @{ Approver = 'x' } -NodeId rc1 -TargetParameterName InstanceId");
        Assert.StartsWith("InvalidTargetParameter,", unknown.FullyQualifiedErrorId);
        Assert.Contains("parameters: Approver, Count", unknown.Exception.Message);
        Assert.StartsWith("InvalidMaxConcurrency,", _shell.ExpectError("Start-NodeAutomation Gate @{ Approver = 'x' } -NodeId rc1 -TargetParameterName Approver -MaxConcurrency 0").FullyQualifiedErrorId);
        Assert.Empty(_shell.Run("Get-NodeAutomationExecution"));

        var missing = _shell.ExpectError("Get-NodeAutomationExecution -ExecutionId no-such-execution");
        Assert.StartsWith("AutomationExecutionNotFound,", missing.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
    }

    [Fact]
    public void Approvals_are_checked_against_the_approvers_and_a_denial_follows_onFailure()
    {
        Add("Gate", Gate);
        var other = Start("Start-NodeAutomation Gate @{ Approver = 'someone-else' }");
        WaitFor(other.ExecutionId, e => e.Status == AutomationStatus.Waiting);
        var notMine = _shell.ExpectError("Approve-NodeAutomation $args[0]", other.ExecutionId);
        Assert.StartsWith("NotAnApprover,", notMine.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, notMine.CategoryInfo.Category);
        _shell.Run("Stop-NodeAutomation $args[0]", other.ExecutionId);
        Assert.Equal(AutomationStatus.Cancelled, WaitFor(other.ExecutionId, e => e.IsFinished).Status);

        var e = Start("Start-NodeAutomation Gate @{ Approver = $args[0] }", "group:" + Core.Automation.ApproverIdentity.GroupsOf(Environment.UserName).First());
        WaitFor(e.ExecutionId, x => x.Status == AutomationStatus.Waiting);
        var decision = _shell.Run<AutomationApproval>("Deny-NodeAutomation $args[0] 'not today'", e.ExecutionId).Single();
        Assert.Equal((ApprovalDecision.Denied, Environment.UserName), (decision.Decision, decision.Approver));
        var done = WaitFor(e.ExecutionId, x => x.IsFinished);
        Assert.Equal(AutomationStatus.Failed, done.Status);
        Assert.Equal(new[] { "ask", "undo" }, done.Steps.Select(s => s.StepName));
        Assert.Equal("ApprovalDenied", done.Steps[0].ErrorId);
        Assert.Contains("not today", done.Steps[0].FailureMessage);
        Assert.StartsWith("AutomationNotWaiting,", _shell.ExpectError("Approve-NodeAutomation $args[0]", e.ExecutionId).FullyQualifiedErrorId);

        var waited = Start("Start-NodeAutomation Gate @{ Approver = $args[0]; Count = 21 }", Environment.UserName);
        WaitFor(waited.ExecutionId, x => x.Status == AutomationStatus.Waiting);
        _shell.Run("Approve-NodeAutomation $args[0] | Out-Null", waited.ExecutionId);
        Assert.StartsWith("AlreadyDecided,", _shell.ExpectError("Approve-NodeAutomation $args[0]", waited.ExecutionId).FullyQualifiedErrorId);
        var ok = WaitFor(waited.ExecutionId, x => x.IsFinished);
        Assert.Equal(AutomationStatus.Success, ok.Status);
        Assert.Equal(42L, ok.Outputs["work.Double"]);
    }

    [Fact]
    public void Interactive_mode_runs_one_step_per_call()
    {
        Add("Steps", """
            schemaVersion: '0.3'
            mainSteps:
              - { name: a, action: aws:executeScript, inputs: { Script: '@{ v = 1 }' }, outputs: [{ Name: V, Selector: $.v, Type: Integer }] }
              - { name: b, action: aws:executeScript, inputs: { InputPayload: { v: '{{ a.V }}' }, Script: 'param($v) @{ v = $v + 1 }' }, outputs: [{ Name: V, Selector: $.v, Type: Integer }] }
            """);
        var e = Start("Start-NodeAutomation Steps -Mode Interactive -Wait");
        Assert.Equal((AutomationStatus.Waiting, "a"), (e.Status, e.CurrentStep));
        Assert.Empty(e.Steps);
        var first = _shell.Run<AutomationStepExecution>("Invoke-NodeAutomationStep $args[0]", e.ExecutionId).Single();
        Assert.Equal(("a", AutomationStepStatus.Success), (first.StepName, first.Status));
        Assert.Equal((AutomationStatus.Waiting, "b"), (Get(e.ExecutionId).Status, Get(e.ExecutionId).CurrentStep));
        var second = _shell.Run<AutomationStepExecution>("Invoke-NodeAutomationStep $args[0]", e.ExecutionId).Single();
        Assert.Equal(2L, second.Outputs["V"]);
        Assert.Equal(AutomationStatus.Success, Get(e.ExecutionId).Status);
        Assert.StartsWith("AutomationExecutionFinished,", _shell.ExpectError("Invoke-NodeAutomationStep $args[0]", e.ExecutionId).FullyQualifiedErrorId);

        var auto = Start("Start-NodeAutomation Steps -Wait");
        Assert.Equal(AutomationStatus.Success, auto.Status);
        var again = Start("Start-NodeAutomation Steps -Mode Interactive -Wait");
        _shell.Run("Stop-NodeAutomation $args[0]", again.ExecutionId);
        Assert.Equal(AutomationStatus.Cancelled, Get(again.ExecutionId).Status);
    }

    [Fact]
    public void Stop_cancels_the_running_step_and_runs_the_onCancel_step_and_pause_waits_for_resume()
    {
        Add("Long", """
            schemaVersion: '0.3'
            mainSteps:
              - { name: hold, action: aws:pause }
              - { name: nap, action: aws:sleep, inputs: { Duration: PT60S }, onCancel: 'step:cleanup' }
              - { name: never, action: aws:executeScript, inputs: { Script: '"no"' }, isEnd: true }
              - { name: cleanup, action: aws:executeScript, inputs: { Script: '"cleaned"' } }
            """);
        var e = Start("Start-NodeAutomation Long");
        WaitFor(e.ExecutionId, x => x.Status == AutomationStatus.Waiting && x.CurrentStep == "hold");
        _shell.Run("Resume-NodeAutomation $args[0] | Out-Null", e.ExecutionId);
        WaitFor(e.ExecutionId, x => x.CurrentStep == "nap" && x.Steps.Count == 2 && x.Steps[1].WakeAt is not null);
        var watch = Stopwatch.StartNew();
        _shell.Run("Stop-NodeAutomation $args[0]", e.ExecutionId);
        var done = WaitFor(e.ExecutionId, x => x.IsFinished);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
        Assert.Equal(AutomationStatus.Cancelled, done.Status);
        Assert.Equal(new[] { "hold", "nap", "cleanup" }, done.Steps.Select(s => s.StepName));
        Assert.Equal(new[] { AutomationStepStatus.Success, AutomationStepStatus.Cancelled, AutomationStepStatus.Success }, done.Steps.Select(s => s.Status));
        Assert.True(done.CancelRequested);
        Assert.StartsWith("AutomationExecutionFinished,", _shell.ExpectError("Stop-NodeAutomation $args[0]", e.ExecutionId).FullyQualifiedErrorId);
    }

    [Fact]
    public void Secrets_are_masked_outputs_typed_and_nested_runbooks_return_theirs()
    {
        _shell.Run("Set-NodeParameter /rb/token ([Net.NetworkCredential]::new('', 'T0ken-Sekrit').SecurePassword) | Out-Null");
        Add("Child", """
            schemaVersion: '0.3'
            parameters: { Word: { type: String } }
            outputs: [shout.Loud]
            mainSteps:
              - name: shout
                action: aws:executeScript
                inputs: { InputPayload: { w: '{{ Word }}', token: '{{ ssm-secure:/rb/token }}' }, Script: 'param($w, $token) @{ Loud = $w.ToUpper(); TokenLength = $token.Length; Items = @("x", "y") }' }
                outputs:
                  - { Name: Loud, Selector: $.Loud, Type: String }
                  - { Name: TokenLength, Selector: $.TokenLength, Type: Integer }
                  - { Name: Items, Selector: $.Items, Type: StringList }
            """);
        Add("Parent", """
            schemaVersion: '0.3'
            mainSteps:
              - name: call
                action: nodeops:invokeRunbook
                inputs: { DocumentName: Child, RuntimeParameters: { Word: 'hello {{ automation:EXECUTION_ID }}' } }
                outputs: [{ Name: Child, Selector: $.ExecutionId, Type: String }]
            """);
        var parent = Start("Start-NodeAutomation Parent -Wait");
        Assert.Equal(AutomationStatus.Success, parent.Status);
        var childId = (string)parent.Steps.Single().Outputs["ExecutionId"]!;
        Assert.Equal(childId, parent.Steps.Single().ChildExecutionId);
        var child = Get(childId);
        Assert.Equal(parent.ExecutionId, child.ParentExecutionId);
        Assert.Equal(("HELLO " + parent.ExecutionId).ToUpperInvariant(), child.Outputs["shout.Loud"]);
        Assert.Equal(12L, child.Outputs["shout.TokenLength"]);
        var step = child.Steps.Single();
        Assert.Contains("****", step.Inputs["InputPayload"]);
        Assert.DoesNotContain("T0ken-Sekrit", step.Inputs["InputPayload"]);
        var json = System.Text.Json.JsonSerializer.Serialize(Get(childId));
        Assert.DoesNotContain("T0ken-Sekrit", json);
        Assert.Contains("[\"x\",\"y\"]", step.OutputsJson);
        // Only top-level executions are listed unless their children are asked for.
        Assert.Single(_shell.Run<AutomationExecution>("Get-NodeAutomationExecution"));
    }

    [Fact]
    public void Timeouts_retries_and_a_step_interrupted_with_no_attempts_left()
    {
        var file = Path.Combine(TestPaths.NewTempDirectory(), "tries");
        Add("Flaky", $$"""
            schemaVersion: '0.3'
            mainSteps:
              - name: flaky
                action: aws:executeScript
                maxAttempts: 3
                inputs: { Script: '[IO.File]::AppendAllText("{{file}}", "x`n"); if ([IO.File]::ReadAllLines("{{file}}").Count -lt 2) { throw "not yet" }; "ok"' }
              - { name: slow, action: aws:sleep, timeoutSeconds: 1, inputs: { Duration: PT30S }, onFailure: Continue, isCritical: false }
              - { name: last, action: aws:executeScript, inputs: { Script: '"end"' } }
            """);
        var e = Start("Start-NodeAutomation Flaky -Wait");
        Assert.Equal(AutomationStatus.Success, e.Status);
        Assert.Equal(2, e.Steps[0].Attempt);
        Assert.Equal((AutomationStepStatus.TimedOut, "StepTimedOut"), (e.Steps[1].Status, e.Steps[1].ErrorId));
        Assert.Equal(AutomationStepStatus.Success, e.Steps[2].Status);

        // A process that died while a step with maxAttempts 1 ran: resuming fails that step, not re-runs it.
        Add("Once", """
            schemaVersion: '0.3'
            mainSteps:
              - { name: once, action: aws:executeScript, inputs: { Script: '"ran"' } }
              - { name: after, action: aws:executeScript, inputs: { Script: '"after"' } }
            """);
        var orphan = Start("Start-NodeAutomation Once -Mode Interactive");
        WaitFor(orphan.ExecutionId, x => x.Status == AutomationStatus.Waiting);
        using (var catalog = NodeCatalog.Open(_shell.CatalogPath))
        {
            var record = new AutomationStepExecution
            {
                Id = AutomationStepExecution.MakeId(orphan.ExecutionId, 0), ExecutionId = orphan.ExecutionId, StepName = "once",
                Action = "aws:executeScript", Status = AutomationStepStatus.InProgress, Attempt = 1, StartTime = DateTime.UtcNow,
            };
            catalog.Automation.Change(orphan.ExecutionId, x =>
            {
                x.Mode = AutomationMode.Auto;
                x.Status = AutomationStatus.InProgress;
                x.OwnerHost = Environment.MachineName;
                x.OwnerProcessId = DeadPid();
                x.OwnerSince = DateTime.UtcNow.AddMinutes(-1);
            }, record);
        }
        var pending = _shell.Run<AutomationExecution>("Resume-NodeAutomation -Pending -Wait");
        var resumed = Assert.Single(pending);
        Assert.Equal(AutomationStatus.Failed, resumed.Status);
        var once = resumed.Steps.Single();
        Assert.Equal((true, "StepInterrupted", 1), (once.Interrupted, once.ErrorId, once.Attempt));
        Assert.Contains("may have half-run", once.FailureMessage);
    }

    [Fact]
    public void The_host_shows_executions_and_steps_as_tables()
    {
        Add("Steps", "schemaVersion: '0.3'\nmainSteps:\n  - { name: first, action: aws:executeScript, inputs: { Script: '1' } }\n");
        var e = Start("Start-NodeAutomation Steps -Wait");
        var (code, view, err) = HostProcess.Run($"Get-NodeAutomationExecution -CatalogPath '{_shell.CatalogPath}'");
        Assert.True(code == 0, err);
        Assert.Matches($@"{e.ExecutionId}\s+Steps\s+Success\s+Auto", view);
        (code, view, err) = HostProcess.Run($"Get-NodeAutomationExecution {e.ExecutionId} -Step -CatalogPath '{_shell.CatalogPath}'");
        Assert.True(code == 0, err);
        Assert.Matches(@"0\s+first\s+aws:executeScript\s+Success\s+1/1", view);
    }

    private static int DeadPid()
    {
        for (var pid = 400000; pid > 1000; pid -= 7)
            try { Process.GetProcessById(pid).Dispose(); }
            catch (ArgumentException) { return pid; }
        throw new InvalidOperationException("no free pid");
    }
}

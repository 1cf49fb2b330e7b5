using NodeOps.Core.Automation;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using Xunit;

namespace NodeOps.Tests.Unit;

public class RunbookReaderTests
{
    private const string Rollout = """
        schemaVersion: '0.3'
        description: staged rollout
        parameters:
          Version: { type: String, allowedPattern: '^[0-9.]+$' }
        outputs: [check.Count]
        mainSteps:
          - name: check
            action: aws:executeScript
            inputs: { Script: '@{ n = 3 }' }
            outputs:
              - { Name: Count, Selector: $.Payload.n, Type: Integer }
              - { Name: Names, Selector: '$.list[0]', Type: StringList }
            maxAttempts: 3
            timeoutSeconds: 60
          - name: decide
            action: aws:branch
            inputs:
              Choices:
                - NextStep: change
                  And:
                    - { Variable: '{{ check.Count }}', NumericGreater: 2 }
                    - Not: { Variable: '{{ Version }}', StringEquals: '0' }
              Default: done
          - name: change
            action: nodeops:runCommand
            inputs: { DocumentName: AWS-RunShellScript, Tags: [Env=test], Parameters: { commands: ['echo {{ Version }} {{ global:DATE_TIME }} {{ automation:EXECUTION_ID }}'] } }
            onFailure: step:rollback
            onCancel: step:rollback
            isCritical: false
            nextStep: done
          - name: rollback
            action: aws:sleep
            inputs: { Duration: PT1S }
            isEnd: true
          - name: done
            action: aws:pause
        """;

    [Fact]
    public void A_runbook_reads_with_flow_outputs_retries_and_branch_choices()
    {
        var d = DocumentReader.Read(Rollout, "rollout.yaml");
        var rb = RunbookReader.Read("Rollout", 1, d);
        Assert.Equal(new[] { "check", "decide", "change", "rollback", "done" }, rb.Steps.Select(s => s.Name));
        var check = rb.Find("check")!;
        Assert.Equal(RunbookAction.ExecuteScript, check.Action);
        Assert.Equal((3, 60), (check.MaxAttempts, check.TimeoutSeconds!.Value));
        Assert.Equal(new RunbookOutput("Count", "$.Payload.n", RunbookOutputType.Integer), check.Outputs[0]);
        var change = rb.Find("change")!;
        Assert.Equal(new StepTransition(StepTransitionKind.Step, "rollback"), change.OnFailure);
        Assert.Equal(new StepTransition(StepTransitionKind.Step, "rollback"), change.OnCancel);
        Assert.False(change.IsCritical);
        Assert.Equal("done", change.NextStep);
        Assert.True(rb.Find("rollback")!.IsEnd);
        Assert.Equal(StepTransition.Abort, rb.Find("done")!.OnFailure);
        Assert.Equal(new[] { "check.Count" }, rb.Outputs);
        var branch = rb.Find("decide")!.Branch!;
        Assert.Equal("done", branch.Default);
        var values = new Dictionary<string, object?> { ["{{ check.Count }}"] = 3L, ["{{ Version }}"] = "1.2" };
        object? ValueOf(DocNode n) => n is DocScalar s && values.TryGetValue(s.Value, out var v) ? v : ((DocScalar)n).Value;
        Assert.Equal("change", branch.Choose(ValueOf));
        values["{{ check.Count }}"] = 2L;
        Assert.Equal("done", branch.Choose(ValueOf));
        values["{{ check.Count }}"] = 9L;
        values["{{ Version }}"] = "0";
        Assert.Equal("done", branch.Choose(ValueOf));
    }

    public static IEnumerable<object[]> Invalid() => new[]
    {
        new object[] { Step("onFailure: Retry"), 6, 16, "onFailure must be Abort, Continue or step:<name>" },
        new object[] { Step("onFailure: step:nowhere"), 6, 16, "names step 'nowhere', which this runbook does not have" },
        new object[] { Step("onCancel: Continue"), 6, 15, "onCancel must be Abort or step:<name>" },
        new object[] { Step("maxAttempts: 0"), 6, 18, "maxAttempts must be a whole number of at least 1" },
        new object[] { Step("isCritical: maybe"), 6, 17, "isCritical must be true or false" },
        new object[] { Step("nextStep: ghost"), 6, 15, "nextStep 'ghost' names no step" },
        new object[] { Step("outputs: [{ Name: X, Selector: 'a.b', Type: String }]"), 6, 36, "is not of the form $.a.b" },
        new object[] { Step("outputs: [{ Name: X, Selector: $.a, Type: Float }]"), 6, 47, "type 'Float' is not one of String, Integer" },
        new object[] { Step("outputs: [{ Name: X, Selector: $.a }]"), 6, 15, "an output needs Name, Selector and Type" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:sleep\n    inputs: { Duration: 10s }\n", 5, 25, "Duration '10s' is not an ISO 8601 duration" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:sleep\n    inputs: {}\n", 5, 13, "needs either Duration" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:approve\n    inputs: { Message: hi }\n", 5, 13, "aws:approve requires input 'Approvers'" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:approve\n    inputs: { Approvers: [root], MinRequiredApprovals: 0 }\n", 5, 56, "MinRequiredApprovals must be a whole number" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:changeInstanceState\n", 4, 13, "not supported by NodeOps yet" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: nodeops:restartNode\n    inputs: { NodeId: n1 }\n", 5, 13, "requires input 'RestartCommand'" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: nodeops:waitForNodeState\n    inputs: { NodeId: n1, State: rebooting }\n", 5, 34, "State must be online or offline" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:executeScript\n    inputs: { Script: x, Runtime: ruby3.2 }\n", 5, 35, "Runtime 'ruby3.2' is not PowerShell" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:branch\n    inputs:\n      Choices:\n        - { NextStep: b, Variable: x, NumericGreater: lots }\n  - { name: b, action: aws:pause }\n", 7, 55, "NumericGreater needs a number, not 'lots'" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:branch\n    inputs:\n      Choices:\n        - { NextStep: b, Variable: x, Matches: y }\n  - { name: b, action: aws:pause }\n", 7, 39, "'Matches' is not an operator" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:branch\n    inputs:\n      Choices:\n        - { NextStep: zz, Variable: x, StringEquals: y }\n", 7, 23, "NextStep 'zz' names no step" },
        new object[] { "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:executeScript\n    inputs: { Script: x }\n  - name: b\n    action: aws:sleep\n    inputs: { Duration: '{{ a.Missing }}' }\n", 8, 25, "step 'a' has no output 'Missing'" },
        new object[] { "schemaVersion: '0.3'\noutputs: [a.Nope]\nmainSteps:\n  - name: a\n    action: aws:pause\n", 2, 11, "output 'a.Nope' names no output of a step" },
    };

    private static string Step(string extra) =>
        $"schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:executeScript\n    inputs: {{ Script: x }}\n    {extra}\n";

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_runbooks_are_refused_with_line_and_column(string text, int line, int column, string message)
    {
        var ex = Assert.Throws<NodeOpsException>(() => DocumentReader.Read(text, "rb.yaml"));
        Assert.Equal(ErrorIds.DocumentInvalid, ex.ErrorId);
        Assert.Contains(message, ex.Message);
        Assert.Contains($"rb.yaml:{line}:{column}:", ex.Message);
    }
}

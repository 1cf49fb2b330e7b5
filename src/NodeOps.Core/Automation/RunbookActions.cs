namespace NodeOps.Core.Automation;

/// <summary>Runbook action names (SSM's aws:* and NodeOps' nodeops:*), the inputs each requires, and the outputs each always publishes.</summary>
public static class RunbookActions
{
    private static readonly Dictionary<string, RunbookAction> Known = new(StringComparer.Ordinal)
    {
        ["aws:runCommand"] = RunbookAction.RunCommand,
        ["nodeops:runCommand"] = RunbookAction.RunCommand,
        ["aws:executeScript"] = RunbookAction.ExecuteScript,
        ["nodeops:executeScript"] = RunbookAction.ExecuteScript,
        ["aws:branch"] = RunbookAction.Branch,
        ["nodeops:branch"] = RunbookAction.Branch,
        ["aws:sleep"] = RunbookAction.Sleep,
        ["nodeops:sleep"] = RunbookAction.Sleep,
        ["aws:approve"] = RunbookAction.Approve,
        ["nodeops:approve"] = RunbookAction.Approve,
        ["aws:pause"] = RunbookAction.Pause,
        ["nodeops:pause"] = RunbookAction.Pause,
        ["nodeops:waitForNodeState"] = RunbookAction.WaitForNodeState,
        ["nodeops:invokeRunbook"] = RunbookAction.InvokeRunbook,
        ["aws:executeAutomation"] = RunbookAction.InvokeRunbook,
        ["nodeops:restartNode"] = RunbookAction.RestartNode,
    };

    /// <summary>Accepted names that NodeOps does not run yet: refused with a located error at import.</summary>
    private static readonly HashSet<string> NotYetSupported = new(StringComparer.Ordinal)
    {
        "aws:changeInstanceState", "aws:waitForCondition",
    };

    public static IEnumerable<string> Names => Known.Keys;

    public static bool IsKnown(string name) => Known.ContainsKey(name) || NotYetSupported.Contains(name);

    public static bool IsNotYetSupported(string name) => NotYetSupported.Contains(name);

    public static RunbookAction? For(string name) => Known.TryGetValue(name, out var a) ? a : null;

    public static IReadOnlyList<string> RequiredInputs(RunbookAction action) => action switch
    {
        RunbookAction.RunCommand => new[] { "DocumentName" },
        RunbookAction.ExecuteScript => new[] { "Script" },
        RunbookAction.Branch => new[] { "Choices" },
        RunbookAction.Approve => new[] { "Approvers" },
        RunbookAction.WaitForNodeState => new[] { "NodeId", "State" },
        RunbookAction.InvokeRunbook => new[] { "DocumentName" },
        RunbookAction.RestartNode => new[] { "NodeId", "RestartCommand" },
        _ => Array.Empty<string>(),
    };

    /// <summary>Outputs a step of this action publishes without declaring them.</summary>
    public static IReadOnlyList<string> BuiltInOutputs(RunbookAction action) => action switch
    {
        RunbookAction.RunCommand => new[] { "CommandId", "Status", "Output", "ResponseCode" },
        RunbookAction.ExecuteScript => new[] { "OutputPayload" },
        RunbookAction.Approve => new[] { "ApprovalStatus", "ApproverDecisions" },
        RunbookAction.InvokeRunbook => new[] { "ExecutionId", "Status", "Output" },
        RunbookAction.WaitForNodeState => new[] { "State" },
        RunbookAction.RestartNode => new[] { "State", "CommandId" },
        _ => Array.Empty<string>(),
    };
}

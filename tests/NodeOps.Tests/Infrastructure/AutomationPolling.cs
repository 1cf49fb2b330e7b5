using NodeOps.Core.Models;

namespace NodeOps.Tests.Infrastructure;

/// <summary>Reads automation executions through the cmdlets and waits for one to reach a state.</summary>
public static class AutomationPolling
{
    public static AutomationExecution Get(NodeOpsShell shell, string id) =>
        shell.Run<AutomationExecution>("Get-NodeAutomationExecution -ExecutionId $args[0]", id).Single();

    public static AutomationExecution WaitFor(NodeOpsShell shell, string id, Func<AutomationExecution, bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var e = Get(shell, id);
            if (condition(e)) return e;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Execution {id} stayed {e.Status} at {e.CurrentStep} ({e.FailureMessage}); steps: " +
                    string.Join(", ", e.Steps.Select(s => $"{s.StepName}={s.Status} {s.FailureMessage}")));
            Thread.Sleep(200);
        }
    }
}

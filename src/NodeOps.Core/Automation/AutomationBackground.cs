using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Automation;

/// <summary>
/// Executions driven in the background of this process (Start-NodeAutomation and Resume-NodeAutomation
/// without -Wait), each with a catalog connection of its own. They live as long as the process: when it
/// exits first, the execution stays in the catalog with a dead owner and Resume-NodeAutomation (or a
/// scheduler calling <see cref="AutomationRunner.ResumePending"/>) continues it.
/// </summary>
public static class AutomationBackground
{
    public static Task Start(string catalogPath, ConnectionSettings settings, string executionId)
    {
        return Task.Run(async () =>
        {
            try
            {
                using var catalog = NodeCatalog.Open(catalogPath);
                await new AutomationRunner(catalog, NodeSessionPool.Shared, settings).RunAsync(executionId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NodeOpsException ex) when (ex.ErrorId is ErrorIds.AutomationExecutionBusy or ErrorIds.AutomationExecutionFinished)
            {
                // Another driver has it, or it ended meanwhile.
            }
            catch (Exception ex)
            {
                Record(catalogPath, executionId, ex);
            }
        });

    }

    private static void Record(string catalogPath, string executionId, Exception ex)
    {
        try
        {
            using var catalog = NodeCatalog.Open(catalogPath);
            catalog.Automation.Change(executionId, e =>
            {
                if (e.IsFinished) return;
                e.Status = AutomationStatus.Failed;
                e.FailureMessage = "The background run failed: " + ex.Message;
                e.EndTime = DateTime.UtcNow;
            });
        }
        catch (NodeOpsException) { /* nothing more can be recorded */ }
    }
}

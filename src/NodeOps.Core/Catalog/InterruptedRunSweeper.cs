using System.Diagnostics;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>
/// Finds runs whose controller process died (crash, kill, closed terminal) and marks them Interrupted,
/// so history never shows a run "in progress" forever. Only runs owned by this machine are judged.
/// </summary>
internal static class InterruptedRunSweeper
{
    public static void MarkOrphans(NodeCatalog catalog)
    {
        catalog.Sessions.MarkOrphans();
        var open = catalog.Commands.Query(new CommandQuery { Statuses = new[] { CommandStatus.Pending, CommandStatus.InProgress } });
        foreach (var command in open.Where(IsOrphan))
        {
            var now = DateTime.UtcNow;
            foreach (var inv in catalog.Commands.InvocationsOf(command.CommandId)
                         .Where(i => i.Status is InvocationStatus.Pending or InvocationStatus.InProgress))
            {
                inv.Status = InvocationStatus.Interrupted;
                inv.StatusDetails = "The controller process ended before this invocation finished.";
                inv.EndTime ??= now;
                catalog.Commands.UpdateInvocation(inv);
            }
            command.Status = CommandStatus.Interrupted;
            command.FinishedAt ??= now;
            catalog.Commands.UpdateCommand(command);
        }
    }

    private static bool IsOrphan(NodeCommand command)
    {
        return !ControllerIdentity.IsLiveOwner(command.OwnerHost, command.OwnerProcessId, command.RequestedAt);
    }
}

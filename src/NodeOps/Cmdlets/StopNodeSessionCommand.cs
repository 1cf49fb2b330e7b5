using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Sessions;

namespace NodeOps.Cmdlets;

/// <summary>Ends an active session, from any process using the same catalog: its own process closes it within a second.</summary>
[Cmdlet(VerbsLifecycle.Stop, "NodeSession", SupportsShouldProcess = true)]
public sealed class StopNodeSessionCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string[] SessionId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in SessionId)
            ForEachItem(() =>
            {
                if (!ShouldProcess(id, "Stop session")) return;
                if (!Catalog.Sessions.RequestStop(id, $"{OperatorIdentity.UserName} (Stop-NodeSession)"))
                    throw new NodeOpsException(ErrorIds.SessionNotFound, ErrorCategory.InvalidOperation, id, $"Session '{id}' is not active.");
            });
    }
}

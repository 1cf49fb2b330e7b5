using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>Closes the warm remote sessions this process keeps, for all nodes or some.</summary>
[Cmdlet(VerbsCommon.Clear, "NodeConnectionPool", SupportsShouldProcess = true)]
[OutputType(typeof(int))]
public sealed class ClearNodeConnectionPoolCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    private int _closed;

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(NodeId is null ? "all nodes" : string.Join(", ", NodeId), "Close pooled sessions")) return;
        if (NodeId is null) _closed += NodeSessionPool.Shared.Clear();
        else foreach (var id in NodeId) _closed += NodeSessionPool.Shared.Clear(id);
    }

    protected override void EndProcessing()
    {
        if (PassThru) WriteObject(_closed);
    }
}

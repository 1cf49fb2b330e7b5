using System.Management.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.FleetViews;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>
/// What the fleet views share (Get-NodeProcess, Get-NodeServiceStatus, Get-NodeFile, Get-NodeFileContent,
/// Get-NodeDiskUsage): targets by id, name, pipeline or tag, a read-only script run on each node in parallel,
/// typed rows written as nodes answer, and a non-terminating error for each node that could not answer.
/// </summary>
public abstract class FleetViewCmdlet : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Key=Value conditions; nodes matching all of them are asked (in addition to -NodeId).</summary>
    [Parameter] public string[]? Tag { get; set; }

    [Parameter] [ValidateRange(1, 1024)] public int ThrottleLimit { get; set; } = 32;

    [Parameter] [ValidateRange(1, 600)] public int ConnectTimeoutSeconds { get; set; } = 15;

    /// <summary>How long each node may take to answer.</summary>
    [Parameter] [ValidateRange(1, 3600)] public int TimeoutSeconds { get; set; } = 60;

    private readonly TargetCollector _targets = new();
    private PipelinePump? _pump;

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected IReadOnlyList<ManagedNode> Targets() => Guard(() => _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false));

    protected NodeQuery NewQuery() => new(NodeSessionPool.Shared, ConnectionSettingsFor(ConnectTimeoutSeconds), TimeSpan.FromSeconds(TimeoutSeconds));

    /// <summary>Runs the script on every target and hands each node's answer to <paramref name="write"/> on the pipeline thread.</summary>
    protected void RunOnTargets(string script, IDictionary<string, object?> parameters, Action<NodeQueryResult> write)
    {
        var nodes = Targets();
        var query = NewQuery();
        using var pump = _pump = new PipelinePump();
        var done = 0;
        var activity = MyInvocation.MyCommand.Name;
        pump.Run(ct => query.RunManyAsync(nodes, ThrottleLimit, script, parameters, pump.Post, ct), item =>
        {
            var result = (NodeQueryResult)item;
            done++;
            if (nodes.Count > 1)
                WriteProgress(new ProgressRecord(1, activity, $"{done} of {nodes.Count} nodes answered") { PercentComplete = 100 * done / nodes.Count });
            if (result.Failed) WriteNodeError(result);
            else write(result);
        });
        if (nodes.Count > 1) WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    protected void WriteNodeError(NodeQueryResult result)
    {
        var category = result.ErrorId switch
        {
            NodeQuery.QueryFailed => ErrorCategory.ReadError,
            ErrorIds.CommandTimedOut => ErrorCategory.OperationTimeout,
            ErrorIds.Cancelled => ErrorCategory.OperationStopped,
            _ => ErrorCategory.ConnectionError,
        };
        WriteError(new ErrorRecord(new InvalidOperationException($"{result.Node.Name} ({result.Node.NodeId}): {result.Error}"), result.ErrorId, category, result.Node));
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _pump?.Cancel();
    }
}

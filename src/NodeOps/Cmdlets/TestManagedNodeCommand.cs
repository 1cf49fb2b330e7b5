using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;
using NodeOps.Core.Nodes;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>Connects to nodes, records ping status, platform and latency. With no node given, tests every node.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ManagedNode")]
[OutputType(typeof(NodeConnectionTest))]
public sealed class TestManagedNodeCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public string[]? Tag { get; set; }

    [Parameter] [ValidateRange(1, 600)] public int ConnectTimeoutSeconds { get; set; } = 15;

    [Parameter] [ValidateRange(1, 1024)] public int ThrottleLimit { get; set; } = 32;

    private readonly TargetCollector _targets = new();
    private PipelinePump? _pump;

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing()
    {
        var nodes = Guard(() => _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: true));
        var probe = new NodeProbe(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(ConnectTimeoutSeconds));
        using var pump = _pump = new PipelinePump();
        var done = 0;
        pump.Run(ct => probe.TestManyAsync(nodes, ThrottleLimit, pump.Post, ct), item =>
        {
            var test = (NodeConnectionTest)item;
            done++;
            WriteProgress(new ProgressRecord(1, "Test-ManagedNode", $"{done} of {nodes.Count} nodes tested") { PercentComplete = 100 * done / Math.Max(1, nodes.Count) });
            WriteObject(test);
        });
        WriteProgress(new ProgressRecord(1, "Test-ManagedNode", "Done") { RecordType = ProgressRecordType.Completed });
    }

    protected override void StopProcessing() => _pump?.Cancel();
}

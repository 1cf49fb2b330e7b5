using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>
/// A Run Command executing in the background of this session (-AsJob), visible to Get-Job, Wait-Job,
/// Receive-Job and Stop-Job. Per-node results arrive in the job's output as they complete.
/// </summary>
public sealed class NodeCommandJob : Job
{
    private readonly CancellationTokenSource _cts = new();
    private readonly string _location;

    public string CommandId { get; }

    internal NodeCommandJob(string command, string commandId, string location) : base(command, "NodeCommand:" + commandId)
    {
        CommandId = commandId;
        _location = location;
        PSJobTypeName = "NodeOpsCommandJob";
    }

    /// <summary>Runs the command with its own catalog connection, which stays open until the job ends.</summary>
    internal void Start(string catalogPath, NodeCommand command, CommandRequest request, ConnectionSettings settings)
    {
        SetJobState(JobState.Running);
        Task.Run(async () =>
        {
            try
            {
                using var catalog = NodeCatalog.Open(catalogPath);
                var runner = new NodeCommandRunner(catalog, NodeSessionPool.Shared, settings);
                await runner.RunAsync(command, request, inv => Output.Add(PSObject.AsPSObject(inv)), null, _cts.Token);
                var final = catalog.Commands.Find(command.CommandId);
                SetJobState(_cts.IsCancellationRequested ? JobState.Stopped
                    : final?.Status == CommandStatus.Success ? JobState.Completed : JobState.Failed);
            }
            catch (Exception ex)
            {
                Error.Add(new ErrorRecord(ex, "NodeCommandJobFailed", ErrorCategory.NotSpecified, CommandId));
                SetJobState(JobState.Failed);
            }
        });
    }

    public override string StatusMessage => JobStateInfo.State.ToString();
    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0;
    public override string Location => _location;

    public override void StopJob()
    {
        _cts.Cancel();
        // The runner marks every unfinished node Cancelled before the job reaches Stopped.
        Finished.WaitOne(TimeSpan.FromSeconds(30));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _cts.Dispose();
        base.Dispose(disposing);
    }
}

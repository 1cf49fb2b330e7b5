using System.Management.Automation;
using NodeOps.Core.Automation;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>
/// What the cmdlets that drive runbooks share: the runner over this call's catalog, -Wait (in the
/// foreground, Ctrl+C cancels the execution, each finished step shows as progress) or a background run.
/// </summary>
public abstract class AutomationCmdlet : NodeOpsCmdlet
{
    [Parameter] [ValidateRange(1, 600)] public int ConnectTimeoutSeconds { get; set; } = 15;

    private PipelinePump? _pump;

    protected AutomationRunner Runner => new(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(ConnectTimeoutSeconds));

    /// <summary>Drives the execution here until it ends or waits for a person, then writes its record.</summary>
    protected void RunInForeground(string executionId, Func<AutomationRunner, CancellationToken, Action<AutomationStepExecution>, Task<AutomationExecution>> run)
    {
        var runner = Runner;
        AutomationExecution? final = null;
        using var pump = _pump = new PipelinePump();
        Guard(() => pump.Run(async ct => final = await run(runner, ct, step => pump.Post(step)).ConfigureAwait(false), item =>
        {
            if (item is AutomationStepExecution s)
                WriteProgress(new ProgressRecord(1, $"{MyInvocation.MyCommand.Name} {executionId}", $"{s.StepName}: {s.Status}"));
        }));
        WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
        if (final is not null) WriteObject(final);
    }

    protected void RunInBackground(string executionId) =>
        AutomationBackground.Start(Catalog.Path, ConnectionSettingsFor(ConnectTimeoutSeconds), executionId);

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _pump?.Cancel();
    }
}

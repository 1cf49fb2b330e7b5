using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Automation;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Starts a runbook (a schemaVersion 0.3 Automation document); with -TargetParameterName, one child execution per target under rate control.</summary>
[Cmdlet(VerbsLifecycle.Start, "NodeAutomation", SupportsShouldProcess = true)]
[OutputType(typeof(AutomationExecution))]
public sealed class StartNodeAutomationCommand : AutomationCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string DocumentName { get; set; } = "";

    /// <summary>A version number, $DEFAULT (the default) or $LATEST.</summary>
    [Parameter] public string? DocumentVersion { get; set; }

    [Parameter(Position = 1)]
    [Alias("Parameters")]
    [ArgumentCompleter(typeof(DocumentParameterCompleter))]
    public Hashtable? Parameter { get; set; }

    [Parameter] public AutomationMode Mode { get; set; } = AutomationMode.Auto;

    /// <summary>Run in this call until the execution ends (or waits for an approval or the next interactive step).</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    /// <summary>Rate control: the runbook parameter that each child execution gets its target's node id in.</summary>
    [Parameter] public string? TargetParameterName { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId", "Targets")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    [Parameter] public string[]? Tag { get; set; }

    [Parameter] public string MaxConcurrency { get; set; } = "10";

    [Parameter] [Alias("MaxError")] public string MaxErrors { get; set; } = "0";

    private readonly TargetCollector _targets = new();

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing()
    {
        if (TargetParameterName is null && (!_targets.IsEmpty || Tag is not null))
            Guard(() => throw new NodeOpsException(ErrorIds.InvalidTargetParameter, ErrorCategory.InvalidArgument, null,
                "Targets (-NodeId, -Tag or piped nodes) need -TargetParameterName: the runbook parameter each target's node id goes in."));
        var request = Guard(() => new AutomationRequest
        {
            DocumentName = DocumentName,
            DocumentVersion = DocumentVersion,
            Parameters = Parameter,
            Mode = Mode,
            TargetParameterName = TargetParameterName,
            Targets = TargetParameterName is null ? Array.Empty<ManagedNode>() : _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false),
            MaxConcurrency = RateLimit.ParseConcurrency(MaxConcurrency),
            MaxErrors = RateLimit.ParseErrors(MaxErrors),
        });
        var what = request.Targets.Count > 0 ? $"{DocumentName} on {request.Targets.Count} target(s)" : DocumentName;
        if (!ShouldProcess(what, "Start automation")) return;
        var execution = Guard(() => Runner.Start(request));
        if (Wait) RunInForeground(execution.ExecutionId, (runner, ct, onStep) => runner.RunAsync(execution.ExecutionId, ct, onStep));
        else
        {
            RunInBackground(execution.ExecutionId);
            WriteObject(execution);
        }
    }
}

using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Documents;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>
/// What every Run Command-style cmdlet shares: targets (ids, names, pipeline, tags), rate control, timeouts,
/// -AsJob/-Wait, progress and Ctrl+C. A derived cmdlet says what runs (a plan) and how it is recorded.
/// </summary>
public abstract class FanOutCmdlet : NodeOpsCmdlet
{
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "InstanceId")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Key=Value conditions; nodes matching all of them are targeted (in addition to -NodeId).</summary>
    [Parameter] public string[]? Tag { get; set; }

    /// <summary>How many nodes run at once: a count or a percentage of the targets ("25%"). Default 50.</summary>
    [Parameter] public string MaxConcurrency { get; set; } = "50";

    /// <summary>How many nodes may fail before no new node is started: a count or a percentage. Default 0.</summary>
    [Parameter] [Alias("MaxError")] public string MaxErrors { get; set; } = "0";

    /// <summary>Execution limit per node in seconds (connecting is limited by -ConnectTimeoutSeconds). Default 3600.</summary>
    [Parameter] [Alias("TimeoutSecond")] [ValidateRange(1, 172800)] public int TimeoutSeconds { get; set; } = 3600;

    [Parameter] [ValidateRange(1, 600)] public int ConnectTimeoutSeconds { get; set; } = 15;

    [Parameter] [ValidateLength(0, CommandRequest.MaxCommentLength)] public string? Comment { get; set; }

    /// <summary>Wait for every node (default). -Wait:$false returns the command record at once and runs on in the background.</summary>
    [Parameter] public SwitchParameter Wait { get; set; } = true;

    [Parameter] public SwitchParameter AsJob { get; set; }

    /// <summary>Change calendars that must be open; when one is closed the command is recorded as Skipped and not run.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[]? ChangeCalendarName { get; set; }

    /// <summary>Run even though a named change calendar is closed (an emergency; audited with the switch).</summary>
    [Parameter] public SwitchParameter IgnoreChangeCalendar { get; set; }

    private readonly TargetCollector _targets = new();
    private PipelinePump? _pump;

    /// <summary>The verb phrase for -WhatIf and progress ("Run command", "Gather inventory").</summary>
    protected abstract string Activity { get; }

    /// <summary>What runs on each node, and how the command is recorded; called once, before anything is written.</summary>
    protected abstract (CommandKind Kind, string Text, DocumentPlan Plan) Describe();

    /// <summary>What Describe returns for a stored document: resolved, its parameters bound and checked.</summary>
    protected (CommandKind Kind, string Text, DocumentPlan Plan) StoredDocument(string name, string? version, IDictionary? parameters)
    {
        var plan = DocumentPlanner.PlanStored(Catalog, name, version, parameters);
        return (CommandKind.Document, plan.Reference, plan);
    }

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing()
    {
        var (kind, text, plan) = Guard(Describe);
        var request = Guard(() => new CommandRequest
        {
            Kind = kind,
            Text = text,
            Plan = plan,
            Comment = Comment,
            Targets = _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false),
            TargetTags = Tag ?? Array.Empty<string>(),
            MaxConcurrency = RateLimit.ParseConcurrency(MaxConcurrency),
            MaxErrors = RateLimit.ParseErrors(MaxErrors),
            TimeoutSeconds = TimeoutSeconds,
        });
        if (!ShouldProcess($"{request.Targets.Count} node(s): {string.Join(", ", request.Targets.Take(5).Select(n => n.Name))}{(request.Targets.Count > 5 ? ", ..." : "")}", Activity)) return;

        var settings = ConnectionSettingsFor(ConnectTimeoutSeconds);
        var runner = new NodeCommandRunner(Catalog, NodeSessionPool.Shared, settings);
        if (Guard(() => runner.CreateUnlessCalendarClosed(request, ChangeCalendarName ?? Array.Empty<string>(), IgnoreChangeCalendar)) is not { } command) return;
        if (command.Status == CommandStatus.Skipped)
        {
            WriteWarning($"The command was not run: {command.StatusDetails}");
            WriteObject(command);
            return;
        }

        if (AsJob || !Wait)
        {
            var job = new NodeCommandJob(request.Text, command.CommandId, string.Join(",", request.Targets.Select(n => n.Name)));
            job.Start(Catalog.Path, command, request, settings);
            if (AsJob)
            {
                JobRepository.Add(job);
                WriteObject(job);
            }
            else
            {
                WriteObject(command);
            }
            return;
        }

        using var pump = _pump = new PipelinePump();
        pump.Run(ct => runner.RunAsync(command, request, pump.Post, p => pump.Post(p), ct), item =>
        {
            if (item is FanOutProgress p) WriteProgress(Progress(command, p));
            else WriteObject(item);
        });
        WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _pump?.Cancel();
    }

    private ProgressRecord Progress(NodeCommand command, FanOutProgress p) =>
        new(1, $"{MyInvocation.MyCommand.Name} {command.CommandId}", $"{p.Completed}/{p.Total} done, {p.Running} running, {p.Failed} failed")
        {
            PercentComplete = 100 * p.Completed / Math.Max(1, p.Total),
        };
}

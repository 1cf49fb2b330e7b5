using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Catalog;
using NodeOps.Core.Documents;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>Runs PowerShell or a shell script on many nodes at once, with rate control, and keeps every result.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "NodeCommand", DefaultParameterSetName = ScriptBlockSet, SupportsShouldProcess = true)]
[OutputType(typeof(NodeCommandInvocation), typeof(NodeCommand), typeof(NodeCommandJob))]
public sealed class InvokeNodeCommandCommand : NodeOpsCmdlet
{
    private const string ScriptBlockSet = "ScriptBlock", CommandSet = "Command", ShellSet = "ShellScript", DocumentSet = "Document";

    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 0)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>PowerShell script text to run on each node.</summary>
    [Parameter(ParameterSetName = CommandSet, Mandatory = true, Position = 0)]
    public string Command { get; set; } = "";

    /// <summary>A bash/sh script to run on each Linux or macOS node.</summary>
    [Parameter(ParameterSetName = ShellSet, Mandatory = true, Position = 0)]
    public string ShellScript { get; set; } = "";

    /// <summary>A Command document to run (stored, built-in, or an AWS-* alias).</summary>
    [Parameter(ParameterSetName = DocumentSet, Mandatory = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string DocumentName { get; set; } = "";

    /// <summary>A version number, $DEFAULT (the default) or $LATEST.</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    public string? DocumentVersion { get; set; }

    /// <summary>Values for the document's parameters, checked against their types and constraints before anything is sent.</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    [Alias("Parameter")]
    [ArgumentCompleter(typeof(DocumentParameterCompleter))]
    public System.Collections.Hashtable? Parameters { get; set; }

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

    [Parameter] [ValidateLength(0, 100)] public string? Comment { get; set; }

    /// <summary>Wait for every node (default). -Wait:$false returns the command record at once and runs on in the background.</summary>
    [Parameter] public SwitchParameter Wait { get; set; } = true;

    [Parameter] public SwitchParameter AsJob { get; set; }

    private readonly TargetCollector _targets = new();
    private PipelinePump? _pump;

    protected override void ProcessRecord() => _targets.Add(NodeId);

    protected override void EndProcessing()
    {
        var plan = Guard(PlanFor);
        var request = Guard(() => new CommandRequest
        {
            Kind = ParameterSetName switch { ShellSet => CommandKind.Shell, DocumentSet => CommandKind.Document, _ => CommandKind.PowerShell },
            Text = ParameterSetName switch
            {
                ScriptBlockSet => ScriptBlock.ToString(),
                CommandSet => Command,
                DocumentSet => $"{plan.DocumentName}:{plan.DocumentVersion}",
                _ => ShellScript,
            },
            Plan = plan,
            Comment = Comment,
            Targets = _targets.Resolve(Catalog.Nodes, Tag, allWhenEmpty: false),
            TargetTags = Tag ?? Array.Empty<string>(),
            MaxConcurrency = RateLimit.ParseConcurrency(MaxConcurrency),
            MaxErrors = RateLimit.ParseErrors(MaxErrors),
            TimeoutSeconds = TimeoutSeconds,
        });
        if (!ShouldProcess($"{request.Targets.Count} node(s): {string.Join(", ", request.Targets.Take(5).Select(n => n.Name))}{(request.Targets.Count > 5 ? ", ..." : "")}", "Run command")) return;

        var settings = ConnectionSettingsFor(ConnectTimeoutSeconds);
        var runner = new NodeCommandRunner(Catalog, NodeSessionPool.Shared, settings);
        var command = Guard(() => runner.Create(request));

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
        WriteProgress(new ProgressRecord(1, "Invoke-NodeCommand", "Done") { RecordType = ProgressRecordType.Completed });
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _pump?.Cancel();
    }

    private DocumentPlan PlanFor()
    {
        switch (ParameterSetName)
        {
            case ShellSet: return DocumentPlan.ForShell(ShellScript);
            case CommandSet: return DocumentPlan.ForPowerShell(Command);
            case ScriptBlockSet: return DocumentPlan.ForPowerShell(ScriptBlock.ToString());
        }
        var (record, definition) = Catalog.Documents.Resolve(DocumentName, DocumentVersion);
        return new DocumentPlanner(Catalog.Documents, Catalog.Parameters).Plan(record, definition, Parameters);
    }

    private static ProgressRecord Progress(NodeCommand command, FanOutProgress p) =>
        new(1, $"Invoke-NodeCommand {command.CommandId}", $"{p.Completed}/{p.Total} done, {p.Running} running, {p.Failed} failed")
        {
            PercentComplete = 100 * p.Completed / Math.Max(1, p.Total),
        };
}

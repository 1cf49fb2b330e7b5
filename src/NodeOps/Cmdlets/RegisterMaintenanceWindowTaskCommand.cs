using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Automation;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>Registers a Run Command task (a document with parameters, or a PowerShell script block) with a maintenance window.</summary>
[Cmdlet(VerbsLifecycle.Register, "MaintenanceWindowTask", SupportsShouldProcess = true, DefaultParameterSetName = DocumentSet)]
[OutputType(typeof(MaintenanceWindowTask))]
public sealed class RegisterMaintenanceWindowTaskCommand : NodeOpsCmdlet
{
    private const string DocumentSet = "Document", ScriptSet = "ScriptBlock";

    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    [Parameter(ParameterSetName = DocumentSet, Mandatory = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string DocumentName { get; set; } = "";

    [Parameter(ParameterSetName = DocumentSet)] public string? DocumentVersion { get; set; }

    [Parameter(ParameterSetName = DocumentSet)]
    [Alias("Parameter")]
    [ArgumentCompleter(typeof(DocumentParameterCompleter))]
    public Hashtable? Parameters { get; set; }

    /// <summary>For a runbook task: the runbook parameter each child execution gets its target node's id in (one child per node).</summary>
    [Parameter(ParameterSetName = DocumentSet)]
    [Alias("AutomationTargetParameterName")]
    public string? TargetParameterName { get; set; }

    /// <summary>PowerShell to run on each node.</summary>
    [Parameter(ParameterSetName = ScriptSet, Mandatory = true)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter] public string? Name { get; set; }

    [Parameter] public string? Description { get; set; }

    /// <summary>Lower numbers run first; tasks of equal priority run in parallel. Default 1.</summary>
    [Parameter] [ValidateRange(0, 1000)] public int Priority { get; set; } = 1;

    [Parameter] public string MaxConcurrency { get; set; } = "50";

    [Parameter] [Alias("MaxError")] public string MaxErrors { get; set; } = "0";

    [Parameter] [Alias("TimeoutSecond")] [ValidateRange(1, 172800)] public int TimeoutSeconds { get; set; } = 3600;

    /// <summary>Targets registered with the window; with no targets at all, the task runs on every registered target.</summary>
    [Parameter] public string[]? WindowTargetId { get; set; }

    /// <summary>Nodes not registered with the window (needs -AllowUnassociatedTargets on the window).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Key=Value conditions for nodes not registered with the window (needs -AllowUnassociatedTargets).</summary>
    [Parameter] public string[]? Tag { get; set; }

    /// <summary>CONTINUE_TASK (default): a running task goes on after the cutoff; CANCEL_TASK: it is cancelled at the cutoff.</summary>
    [Parameter] public CutoffBehavior CutoffBehavior { get; set; } = CutoffBehavior.CONTINUE_TASK;

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var window = Catalog.MaintenanceWindows.Get(WindowId);
        RateLimit.ParseConcurrency(MaxConcurrency);
        RateLimit.ParseErrors(MaxErrors);
        if (Tag is not null) TagFilter.ParseMany(Tag);
        var unassociated = (NodeId?.Length ?? 0) + (Tag?.Length ?? 0) > 0;
        if (unassociated && !window.AllowUnassociatedTargets)
            throw new NodeOpsException(ErrorIds.InvalidMaintenanceWindow, ErrorCategory.InvalidOperation, window.Name,
                $"Window '{window.Name}' does not allow unassociated targets: register the nodes with Register-MaintenanceWindowTarget and use -WindowTargetId, or set -AllowUnassociatedTargets on the window.");
        var task = new MaintenanceWindowTask
        {
            WindowId = window.WindowId,
            Name = Name,
            Description = Description,
            Priority = Priority,
            MaxConcurrency = MaxConcurrency,
            MaxErrors = MaxErrors,
            TimeoutSeconds = TimeoutSeconds,
            WindowTargetIds = WindowTargetId?.ToList() ?? new(),
            NodeIds = (NodeId ?? Array.Empty<string>()).Select(id => Catalog.Nodes.Resolve(id).NodeId).ToList(),
            Tags = Tag?.ToList() ?? new(),
            CutoffBehavior = CutoffBehavior,
        };
        if (ParameterSetName == ScriptSet)
        {
            task.ScriptText = ScriptBlock.ToString();
        }
        else
        {
            // Checked now, so a typo fails here rather than at 2 a.m. in the window.
            var (record, definition) = Catalog.Documents.Resolve(DocumentName, DocumentVersion);
            task.IsAutomation = definition.DocumentType == DocumentType.Automation;
            if (task.IsAutomation)
            {
                new AutomationRunner(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(null)).Validate(new AutomationRequest
                {
                    DocumentName = record.Name, DocumentVersion = DocumentVersion, Parameters = Parameters, TargetParameterName = TargetParameterName,
                });
                task.TargetParameterName = TargetParameterName;
            }
            else if (TargetParameterName is not null)
            {
                throw new NodeOpsException(ErrorIds.InvalidTargetParameter, ErrorCategory.InvalidArgument, TargetParameterName,
                    $"-TargetParameterName is for runbooks (schemaVersion 0.3); {record.Name} is a {definition.DocumentType} document.");
            }
            else
            {
                new DocumentPlanner(Catalog.Documents, Catalog.Parameters).Plan(record, definition, Parameters);
            }
            task.DocumentName = record.Name;
            task.DocumentVersion = DocumentVersion;
            task.Parameters = StoredParameters.From(Parameters);
        }
        if (!ShouldProcess(window.Name, $"Register maintenance window task {Name ?? task.What}")) return;
        WriteObject(Catalog.MaintenanceWindows.AddTask(task));
    });
}

using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Creates a State Manager association: a document kept applied to nodes on a schedule. Unless
/// -ApplyOnlyAtCronInterval, the next scheduler pass applies it to every target at once.
/// </summary>
[Cmdlet(VerbsCommon.New, "NodeAssociation", SupportsShouldProcess = true)]
[OutputType(typeof(NodeAssociation))]
public sealed class NewNodeAssociationCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    [Alias("Name")]
    public string DocumentName { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)] public string? DocumentVersion { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Parameter")]
    [ArgumentCompleter(typeof(DocumentParameterCompleter))]
    public Hashtable? Parameters { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? AssociationName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Key=Value conditions; nodes that match later are picked up at the next scheduler pass.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public string[]? Tag { get; set; }

    /// <summary>cron(...), rate(...) or at(...); without one the association applies once (and to new nodes).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Schedule")]
    public string? ScheduleExpression { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("TimeZone")]
    public string? ScheduleTimezone { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public int ScheduleOffset { get; set; }

    /// <summary>Do not apply at creation (or to new nodes) but only at the cron times. Not with rate(...).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public SwitchParameter ApplyOnlyAtCronInterval { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public ComplianceSeverity ComplianceSeverity { get; set; } = ComplianceSeverity.Unspecified;

    [Parameter(ValueFromPipelineByPropertyName = true)] public string MaxConcurrency { get; set; } = "100%";

    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("MaxError")] public string MaxErrors { get; set; } = "100%";

    [Parameter(ValueFromPipelineByPropertyName = true)] [ValidateRange(1, 172800)] public int TimeoutSeconds { get; set; } = 3600;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[]? ChangeCalendarName { get; set; }

    /// <summary>For a runbook document: the parameter each node's child execution gets its node id in (one execution per node).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? AutomationTargetParameterName { get; set; }

    /// <summary>RunOnceLate (default): one late run for occurrences missed while no scheduler ran; Skip: none.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public MissedRunPolicy MissedRunPolicy { get; set; } = MissedRunPolicy.RunOnceLate;

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var association = new NodeAssociation
        {
            AssociationName = AssociationName,
            DocumentName = DocumentName,
            DocumentVersion = DocumentVersion,
            Parameters = StoredParameters.From(Parameters),
            AutomationTargetParameterName = AutomationTargetParameterName,
            NodeIds = (NodeId ?? Array.Empty<string>()).Select(id => Catalog.Nodes.Resolve(id).NodeId).Distinct().ToList(),
            Tags = Tag?.ToList() ?? new(),
            ScheduleExpression = string.IsNullOrWhiteSpace(ScheduleExpression) ? null : ScheduleExpression.Trim(),
            ScheduleTimezone = ScheduleTimezone,
            ScheduleOffset = ScheduleOffset,
            ApplyOnlyAtCronInterval = ApplyOnlyAtCronInterval,
            ComplianceSeverity = ComplianceSeverity,
            MaxConcurrency = MaxConcurrency,
            MaxErrors = MaxErrors,
            TimeoutSeconds = TimeoutSeconds,
            ChangeCalendarNames = ChangeCalendarName?.ToList() ?? new(),
            MissedRunPolicy = MissedRunPolicy,
        };
        AssociationRules.Check(Catalog, association);
        if (!ShouldProcess(AssociationName ?? DocumentName, "Create association")) return;
        WriteObject(AssociationView.WithNext(Catalog.Associations.Create(association)));
    });
}

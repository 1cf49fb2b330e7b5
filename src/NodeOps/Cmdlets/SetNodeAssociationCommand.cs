using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Documents;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Changes an association; parameters left out keep their values.</summary>
[Cmdlet(VerbsCommon.Set, "NodeAssociation", SupportsShouldProcess = true)]
[OutputType(typeof(NodeAssociation))]
public sealed class SetNodeAssociationCommand : NodeOpsCmdlet
{
    /// <summary>The association's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AssociationCompleter))]
    public string AssociationId { get; set; } = "";

    [Parameter] public string? DocumentVersion { get; set; }
    [Parameter] [Alias("Parameter")] public Hashtable? Parameters { get; set; }
    [Parameter] [ArgumentCompleter(typeof(NodeIdCompleter))] public string[]? NodeId { get; set; }
    [Parameter] public string[]? Tag { get; set; }
    [Parameter] [Alias("Schedule")] public string? ScheduleExpression { get; set; }
    [Parameter] [Alias("TimeZone")] public string? ScheduleTimezone { get; set; }
    [Parameter] public int? ScheduleOffset { get; set; }
    [Parameter] public bool? ApplyOnlyAtCronInterval { get; set; }
    [Parameter] public ComplianceSeverity? ComplianceSeverity { get; set; }
    [Parameter] public string? MaxConcurrency { get; set; }
    [Parameter] [Alias("MaxError")] public string? MaxErrors { get; set; }
    [Parameter] [ValidateRange(1, 172800)] public int? TimeoutSeconds { get; set; }
    [Parameter] public MissedRunPolicy? MissedRunPolicy { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[]? ChangeCalendarName { get; set; }

    /// <summary>For a runbook document: the parameter each node's child execution gets its node id in; an empty string removes it.</summary>
    [Parameter] public string? AutomationTargetParameterName { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var a = Catalog.Associations.Get(AssociationId);
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(DocumentVersion))) a.DocumentVersion = DocumentVersion;
        if (Parameters is not null) a.Parameters = StoredParameters.From(Parameters);
        if (bound.ContainsKey(nameof(AutomationTargetParameterName))) a.AutomationTargetParameterName = string.IsNullOrEmpty(AutomationTargetParameterName) ? null : AutomationTargetParameterName;
        if (NodeId is not null) a.NodeIds = NodeId.Select(id => Catalog.Nodes.Resolve(id).NodeId).Distinct().ToList();
        if (Tag is not null) a.Tags = Tag.ToList();
        if (bound.ContainsKey(nameof(ScheduleExpression))) a.ScheduleExpression = string.IsNullOrWhiteSpace(ScheduleExpression) ? null : ScheduleExpression.Trim();
        if (bound.ContainsKey(nameof(ScheduleTimezone))) a.ScheduleTimezone = ScheduleTimezone;
        if (ScheduleOffset is { } offset) a.ScheduleOffset = offset;
        if (ApplyOnlyAtCronInterval is { } only) a.ApplyOnlyAtCronInterval = only;
        if (ComplianceSeverity is { } severity) a.ComplianceSeverity = severity;
        if (MaxConcurrency is not null) a.MaxConcurrency = MaxConcurrency;
        if (MaxErrors is not null) a.MaxErrors = MaxErrors;
        if (TimeoutSeconds is { } t) a.TimeoutSeconds = t;
        if (MissedRunPolicy is { } p) a.MissedRunPolicy = p;
        if (ChangeCalendarName is not null) a.ChangeCalendarNames = ChangeCalendarName.ToList();
        AssociationRules.Check(Catalog, a);
        if (!ShouldProcess(a.DisplayName, "Change association")) return;
        Catalog.Associations.Update(a);
        if (PassThru) WriteObject(AssociationView.WithNext(a));
        else NoteResult(a.AssociationId);
    });
}

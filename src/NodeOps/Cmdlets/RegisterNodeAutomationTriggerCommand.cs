using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Compliance;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;
using NodeOps.Core.Transport;

namespace NodeOps.Cmdlets;

/// <summary>
/// Registers a compliance trigger: when a matching compliance item becomes NonCompliant on a node, the next scheduler
/// pass starts the runbook for that node (once per transition).
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "NodeAutomationTrigger", SupportsShouldProcess = true)]
[OutputType(typeof(NodeAutomationTrigger))]
public sealed class RegisterNodeAutomationTriggerCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>The runbook (a schemaVersion 0.3 document) to start.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DocumentNameCompleter))]
    public string DocumentName { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)] public string? DocumentVersion { get; set; }

    /// <summary>The compliance type to watch: Custom:NAME, Check:SUITE, Patch or Association (wildcards allowed).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComplianceType")]
    [SupportsWildcards]
    public string OnNonCompliant { get; set; } = "";

    /// <summary>The item id within the type (wildcards allowed); default any item.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string ItemId { get; set; } = "*";

    /// <summary>Only items of these severities fire the trigger; default any severity.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Severities")]
    public ComplianceSeverity[]? Severity { get; set; }

    /// <summary>Only these nodes (ids or names); with -Tag, nodes matching either.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("NodeIds")]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Only nodes with these Key=Value tags (all must match).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public string[]? Tag { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Parameters")]
    [ArgumentCompleter(typeof(DocumentParameterCompleter))]
    public Hashtable? Parameter { get; set; }

    /// <summary>The runbook parameter that receives the node's id (default NodeId).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string TargetParameterName { get; set; } = "NodeId";

    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Description { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var trigger = new NodeAutomationTrigger
        {
            Name = CheckName(Name),
            Description = Description,
            ComplianceType = WildcardPattern.ContainsWildcardCharacters(OnNonCompliant) ? OnNonCompliant.Trim() : ComplianceRules.NormalizeType(OnNonCompliant),
            ItemId = string.IsNullOrWhiteSpace(ItemId) ? "*" : ItemId.Trim(),
            Severities = Severity?.Distinct().ToList() ?? new(),
            NodeIds = (NodeId ?? Array.Empty<string>()).Select(id => Catalog.Nodes.Resolve(id).NodeId).Distinct().ToList(),
            Tags = Tag?.ToList() ?? new(),
            Parameters = StoredParameters.From(Parameter),
            TargetParameterName = TargetParameterName,
            CreatedDate = DateTime.UtcNow,
            CreatedBy = ControllerIdentity.UserName,
        };
        TagFilter.ParseMany(trigger.Tags);
        var (record, definition) = Catalog.Documents.Resolve(DocumentName, DocumentVersion);
        if (definition.DocumentType != DocumentType.Automation)
            throw new NodeOpsException(ErrorIds.DocumentTypeNotRunnable, ErrorCategory.InvalidArgument, record.Name,
                $"{record.Name} is a {definition.DocumentType} document; a trigger starts a runbook (schemaVersion 0.3).");
        var declared = RunbookReader.Read(record.Name, record.Version, definition).Parameters.Select(p => p.Name).ToList();
        if (!declared.Contains(TargetParameterName))
            throw new NodeOpsException(ErrorIds.InvalidTargetParameter, ErrorCategory.InvalidArgument, TargetParameterName,
                $"{record.Name} has no parameter '{TargetParameterName}' for the node id (parameters: {string.Join(", ", declared)}). Use -TargetParameterName.");
        trigger.DocumentName = record.Name;
        trigger.DocumentVersion = DocumentVersion;
        // Checked now with a sample transition, so a missing or mistyped parameter fails here, not when the item changes.
        var sample = new NodeAutomationTriggerEvent { NodeId = "mi-validate", ComplianceType = trigger.ComplianceType, ItemId = "item", ItemTitle = "item" };
        new AutomationRunner(Catalog, NodeSessionPool.Shared, ConnectionSettingsFor(null)).Validate(new AutomationRequest
        {
            DocumentName = record.Name, DocumentVersion = DocumentVersion,
            Parameters = AutomationTriggerRules.Parameters(trigger, sample, declared),
        });
        if (!ShouldProcess(trigger.Name, $"Register automation trigger: {trigger.DocumentName} when {trigger.ComplianceType} {trigger.ItemId} becomes NonCompliant")) return;
        WriteObject(Catalog.AutomationTriggers.Add(trigger));
    });

    private static string CheckName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 128 || trimmed.Any(c => char.IsControl(c) || c is '*' or '?' or '[' or ']'))
            throw new NodeOpsException(ErrorIds.InvalidParameterValue, ErrorCategory.InvalidArgument, name,
                "A trigger name is 1-128 characters without wildcards or control characters.");
        return trimmed;
    }
}

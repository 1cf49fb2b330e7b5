using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;

namespace NodeOps.Cmdlets;

/// <summary>Registers nodes (by id or tag) as a target of a maintenance window.</summary>
[Cmdlet(VerbsLifecycle.Register, "MaintenanceWindowTarget", SupportsShouldProcess = true)]
[OutputType(typeof(MaintenanceWindowTarget))]
public sealed class RegisterMaintenanceWindowTargetCommand : NodeOpsCmdlet
{
    /// <summary>The window's id or name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MaintenanceWindowCompleter))]
    public string WindowId { get; set; } = "";

    /// <summary>Node ids or names.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? NodeId { get; set; }

    /// <summary>Key=Value conditions; nodes matching all of them when the window runs.</summary>
    [Parameter] public string[]? Tag { get; set; }

    /// <summary>Free text passed along with the target (SSM OwnerInformation), e.g. a team or ticket.</summary>
    [Parameter] public string? OwnerInformation { get; set; }

    [Parameter] public string? Name { get; set; }

    [Parameter] public string? Description { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var window = Catalog.MaintenanceWindows.Get(WindowId);
        if ((NodeId?.Length ?? 0) == 0 && (Tag?.Length ?? 0) == 0)
            throw new NodeOpsException(ErrorIds.NoTargetsMatched, ErrorCategory.InvalidArgument, null, "Give -NodeId, -Tag or both.");
        if (Tag is not null) TagFilter.ParseMany(Tag);
        var ids = (NodeId ?? Array.Empty<string>()).Select(id => Catalog.Nodes.Resolve(id).NodeId).Distinct().ToList();
        if (!ShouldProcess(window.Name, "Register maintenance window target")) return;
        WriteObject(Catalog.MaintenanceWindows.AddTarget(new MaintenanceWindowTarget
        {
            WindowId = window.WindowId,
            NodeIds = ids,
            Tags = Tag?.ToList() ?? new(),
            OwnerInformation = OwnerInformation,
            Name = Name,
            Description = Description,
        }));
    });
}

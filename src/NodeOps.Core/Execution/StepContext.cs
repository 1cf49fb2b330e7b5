using NodeOps.Core.Inventory;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>
/// What a step may need beyond its session: the node it runs on, where gathered inventory, check results and
/// patch compliance go, and (for a patch install that reboots the node) how to open a new session afterwards.
/// </summary>
public sealed record StepContext(string NodeId, IInventorySink? Inventory)
{
    public ManagedNode? Node { get; init; }
    public IPatchSink? Patching { get; init; }
    /// <summary>Where check results go (the catalog's compliance store).</summary>
    public Compliance.IComplianceSink? Compliance { get; init; }
    public NodeSessionPool? Pool { get; init; }
    public ConnectionSettings? Settings { get; init; }
    /// <summary>The run the step belongs to: compliance items name it as their execution.</summary>
    public string? CommandId { get; init; }
}

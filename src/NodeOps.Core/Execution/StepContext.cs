using NodeOps.Core.Inventory;
using NodeOps.Core.Models;
using NodeOps.Core.Patching;
using NodeOps.Core.Transport;

namespace NodeOps.Core.Execution;

/// <summary>
/// What a step may need beyond its session: the node it runs on, where gathered inventory and patch
/// compliance go, and (for a patch install that reboots the node) how to open a new session afterwards.
/// </summary>
public sealed record StepContext(string NodeId, IInventorySink? Inventory)
{
    public ManagedNode? Node { get; init; }
    public IPatchSink? Patching { get; init; }
    public NodeSessionPool? Pool { get; init; }
    public ConnectionSettings? Settings { get; init; }
    public string? CommandId { get; init; }
}

using NodeOps.Core.Inventory;

namespace NodeOps.Core.Execution;

/// <summary>What a step may need beyond its session: the node it runs on and where gathered inventory goes.</summary>
public sealed record StepContext(string NodeId, IInventorySink? Inventory);

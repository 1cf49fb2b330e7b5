using NodeOps.Core.Inventory;

namespace NodeOps.Core.Execution;

/// <summary>What a step may need beyond its session: the node it runs on and where gathered inventory goes.</summary>
public sealed record StepContext(string NodeId, IInventorySink? Inventory)
{
    /// <summary>Where check results go (the catalog's compliance store).</summary>
    public Compliance.IComplianceSink? Compliance { get; init; }
    /// <summary>The run the step belongs to (the command id): compliance items name it as their execution.</summary>
    public string ExecutionId { get; init; } = "";
}

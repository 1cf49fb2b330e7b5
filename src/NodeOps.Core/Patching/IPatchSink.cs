using NodeOps.Core.Models;

namespace NodeOps.Core.Patching;

/// <summary>What a patch step asks of the catalog: the node's baseline, the reboot command, and where its compliance goes.</summary>
public interface IPatchSink
{
    (PatchBaseline Baseline, string? PatchGroup) BaselineFor(ManagedNode node, PatchOperatingSystem os);

    /// <summary>The command a node reboots with (the PatchRebootCommand preference, else the OS's own).</summary>
    string RebootCommand(bool windows);

    void Store(NodePatchState state, IReadOnlyList<PatchComplianceItem> items);
}

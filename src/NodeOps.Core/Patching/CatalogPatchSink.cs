using NodeOps.Core.Catalog;
using NodeOps.Core.Models;

namespace NodeOps.Core.Patching;

/// <summary>The catalog as a patch step sees it.</summary>
public sealed class CatalogPatchSink : IPatchSink
{
    private readonly NodeCatalog _catalog;
    public CatalogPatchSink(NodeCatalog catalog) => _catalog = catalog;

    public (PatchBaseline Baseline, string? PatchGroup) BaselineFor(ManagedNode node, PatchOperatingSystem os) =>
        _catalog.PatchBaselines.ForNode(node, os);

    public string RebootCommand(bool windows) =>
        _catalog.Preferences.Get().PatchRebootCommand is { Length: > 0 } c ? c
            : windows ? PatchScripts.DefaultWindowsReboot : PatchScripts.DefaultLinuxReboot;

    public void Store(NodePatchState state, IReadOnlyList<PatchComplianceItem> items) => _catalog.PatchCompliance.Store(state, items);
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists patch baselines (the shipped defaults and the catalog's own), by id or name (wildcards allowed).</summary>
[Cmdlet(VerbsCommon.Get, "PatchBaseline")]
[OutputType(typeof(PatchBaseline))]
public sealed class GetPatchBaselineCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(PatchBaselineCompleter))]
    [SupportsWildcards]
    public string[]? BaselineId { get; set; }

    [Parameter] public PatchOperatingSystem? OperatingSystem { get; set; }

    /// <summary>Only each operating system's default baseline.</summary>
    [Parameter] public SwitchParameter DefaultOnly { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var all = Catalog.PatchBaselines.All().Where(b => (OperatingSystem is null || b.OperatingSystem == OperatingSystem) && (!DefaultOnly || b.IsDefault));
        if (BaselineId is null)
        {
            WriteObject(all, true);
            return;
        }
        var list = all.ToList();
        foreach (var wanted in BaselineId)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(wanted))
            {
                WriteObject(Catalog.PatchBaselines.Get(wanted));
                continue;
            }
            var pattern = new WildcardPattern(wanted, WildcardOptions.IgnoreCase);
            WriteObject(list.Where(b => pattern.IsMatch(b.BaselineId) || pattern.IsMatch(b.Name)), true);
        }
    });
}

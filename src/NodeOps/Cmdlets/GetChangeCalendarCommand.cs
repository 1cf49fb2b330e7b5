using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Lists change calendars with their events.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeCalendar")]
[OutputType(typeof(ChangeCalendar))]
public sealed class GetChangeCalendarCommand : NodeOpsCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name ?? new[] { "*" })
            ForEachItem(() => WriteObject(NamePatterns.Select(name, Catalog.ChangeCalendars.Get, Catalog.ChangeCalendars.All, c => c.Name), enumerateCollection: true));
    }
}

using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Whether change calendars are OPEN or CLOSED at a time (now by default), and when that changes next.</summary>
[Cmdlet(VerbsCommon.Get, "ChangeCalendarState")]
[OutputType(typeof(ChangeCalendarState))]
public sealed class GetChangeCalendarStateCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter] public DateTime? At { get; set; }

    protected override void ProcessRecord()
    {
        var at = (At ?? DateTime.UtcNow).ToUniversalTime();
        foreach (var name in Name) ForEachItem(() => WriteObject(Catalog.ChangeCalendars.Get(name).StateAt(at)));
    }
}

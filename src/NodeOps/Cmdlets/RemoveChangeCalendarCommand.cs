using System.Management.Automation;
using NodeOps.Common;

namespace NodeOps.Cmdlets;

/// <summary>Removes change calendars. Windows and associations that still name one treat it as closed.</summary>
[Cmdlet(VerbsCommon.Remove, "ChangeCalendar", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveChangeCalendarCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ChangeCalendarCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var name in Name)
            ForEachItem(() =>
            {
                var calendar = Catalog.ChangeCalendars.Get(name);
                if (!ShouldProcess(calendar.Name, "Remove change calendar")) return;
                Catalog.ChangeCalendars.Remove(calendar.Name);
                NoteResult(calendar.Name);
            });
    }
}

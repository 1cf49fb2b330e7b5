using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Scheduling;

namespace NodeOps.Cmdlets;

/// <summary>Creates a change calendar: open or closed by default, with events (given, or imported from an .ics file) that flip it.</summary>
[Cmdlet(VerbsCommon.New, "ChangeCalendar", SupportsShouldProcess = true)]
[OutputType(typeof(ChangeCalendar))]
public sealed class NewChangeCalendarCommand : NodeOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>DEFAULT_OPEN (events close it) or DEFAULT_CLOSED (events open it).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public ChangeCalendarDefault DefaultState { get; set; } = ChangeCalendarDefault.DEFAULT_OPEN;

    /// <summary>Events as hashtables: @{ Summary = 'Freeze'; Start = [datetime]...; End = [datetime]... }.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public Hashtable[]? Event { get; set; }

    /// <summary>An iCalendar (.ics) file whose VEVENTs become events.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Path")]
    public string? IcsPath { get; set; }

    /// <summary>Zone for .ics times that carry neither Z nor TZID (default UTC).</summary>
    [Parameter] public string? TimeZone { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Description { get; set; }

    protected override void ProcessRecord() => ForEachItem(() =>
    {
        var events = (Event ?? Array.Empty<Hashtable>()).Select(ToEvent).ToList();
        if (IcsPath is not null)
        {
            var path = GetUnresolvedProviderPathFromPSPath(IcsPath);
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.CalendarFileUnreadable, ErrorCategory.ReadError, path, $"Cannot read '{path}': {ex.Message}", ex);
            }
            var read = ICalendarReader.Read(text, path, TimeZone is null ? null : ScheduleExpression.ResolveTimeZone(TimeZone));
            foreach (var w in read.Warnings) WriteWarning(w);
            events.AddRange(read.Events);
        }
        if (!ShouldProcess(Name, $"Create change calendar ({DefaultState}, {events.Count} events)")) return;
        WriteObject(Catalog.ChangeCalendars.Create(new ChangeCalendar { Name = Name, DefaultState = DefaultState, Events = events, Description = Description }));
    });

    private static ChangeCalendarEvent ToEvent(Hashtable given)
    {
        var h = new Hashtable(given, StringComparer.OrdinalIgnoreCase);
        if (!h.ContainsKey("Start") || !h.ContainsKey("End"))
            throw new NodeOpsException(ErrorIds.InvalidChangeCalendar, ErrorCategory.InvalidArgument, given, "An event needs Start and End (and may have Summary).");
        DateTime Time(string key) => (h[key] is PSObject p ? p.BaseObject : h[key]) switch
        {
            DateTime t => t.ToUniversalTime(),
            DateTimeOffset o => o.UtcDateTime,
            string s when DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var t) => t,
            _ => throw new NodeOpsException(ErrorIds.InvalidChangeCalendar, ErrorCategory.InvalidArgument, given, $"The event's {key} is not a date and time."),
        };
        return new ChangeCalendarEvent { Summary = h["Summary"]?.ToString(), Start = Time("Start"), End = Time("End") };
    }
}

using NodeOps.Core.Models;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>Change calendars: state, .ics import, and runs skipped (and recorded) while a calendar is closed.</summary>
[Collection("Fleet")]
public class ChangeCalendarGateTests : IDisposable
{
    private readonly NodeOpsShell _shell = new();
    private readonly List<string> _ids;

    public ChangeCalendarGateTests() => _ids = TestFleet.Register(_shell, 2);

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void Closed_calendars_skip_commands_and_associations_and_the_override_is_audited()
    {
        _shell.Run("New-ChangeCalendar freeze -Event @{ Summary = 'Year-end freeze'; Start = [datetime]::UtcNow.AddHours(-1); End = [datetime]::UtcNow.AddHours(1) }");
        var state = _shell.Run<ChangeCalendarState>("Get-ChangeCalendarState freeze").Single();
        Assert.Equal((ChangeCalendarStateValue.CLOSED, "Year-end freeze"), (state.State, state.Event));
        Assert.Equal(ChangeCalendarStateValue.OPEN, _shell.Run<ChangeCalendarState>("Get-ChangeCalendarState freeze -At ([datetime]::UtcNow.AddHours(2))").Single().State);

        var (output, errors) = _shell.RunAllowingErrors("Invoke-NodeCommand -Tag Env=test -ShellScript 'echo ran' -ChangeCalendarName freeze -WarningVariable w; $w");
        Assert.Empty(errors);
        var skipped = output.Select(o => o.BaseObject).OfType<NodeCommand>().Single();
        Assert.Equal(CommandStatus.Skipped, skipped.Status);
        Assert.Contains("'freeze' is CLOSED (Year-end freeze)", skipped.StatusDetails);
        Assert.Contains(output.Select(o => o.BaseObject).OfType<System.Management.Automation.WarningRecord>(), w => w.Message.Contains("not run"));
        Assert.Empty(_shell.Run("Get-NodeCommandInvocation -CommandId $args[0]", skipped.CommandId));
        Assert.Equal(CommandStatus.Skipped, _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single().Status);

        var forced = _shell.Run<NodeCommandInvocation>("Invoke-NodeCommand -Tag Env=test -ShellScript 'echo ran' -ChangeCalendarName freeze -IgnoreChangeCalendar");
        Assert.All(forced, i => Assert.Equal(("ran\n", InvocationStatus.Success), (i.StandardOutput, i.Status)));
        var command = _shell.Run<NodeCommand>("Get-NodeCommand -First 1").Single();
        Assert.True(command.IgnoredChangeCalendar);
        var audit = _shell.Run<AuditEvent>("Get-NodeOpsAuditEvent -First 1").Single();
        Assert.Equal("Invoke-NodeCommand", audit.Cmdlet);
        Assert.Equal("True", audit.Parameters["IgnoreChangeCalendar"]);

        // An association that names the calendar is skipped on each node, with the reason, until it opens.
        _shell.Run("New-NodeAssociation AWS-RunShellScript -AssociationName gated -NodeId $args[0] -ChangeCalendarName freeze -Parameters @{ commands = 'true' }", _ids[0]);
        var run = Assert.Single(_shell.Run<NodeAssociationRun>("Invoke-NodeOpsScheduler -Once"));
        Assert.Equal("Skipped", run.Status);
        Assert.Contains("CLOSED", run.StatusDetails);
        var status = _shell.Run<NodeAssociationStatus>("Get-NodeAssociationStatus gated").Single();
        Assert.Equal(("Skipped", ComplianceStatus.NonCompliant), (status.Status, status.ComplianceStatus));
        Assert.Contains("Year-end freeze", status.Details);
        var applied = _shell.Run<NodeAssociationStatus>("Start-NodeAssociation gated -IgnoreChangeCalendar").Single();
        Assert.Equal(("Success", ComplianceStatus.Compliant), (applied.Status, applied.ComplianceStatus));

        Assert.Equal("ChangeCalendarNotFound", _shell.ExpectErrorId("Invoke-NodeCommand -Tag Env=test -ShellScript true -ChangeCalendarName nope"));
    }

    [Fact]
    public void Calendars_import_ics_files_and_refuse_bad_input()
    {
        var ics = Path.Combine(TestPaths.NewTempDirectory(), "holidays.ics");
        File.WriteAllText(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261224T000000Z\r\nDTEND:20261227T000000Z\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:New year\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nDTSTART:20270105T170000Z\r\nDTEND:20270105T180000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        var (created, _) = _shell.RunAllowingErrors("New-ChangeCalendar holidays -IcsPath $args[0] -DefaultState DEFAULT_OPEN -WarningVariable w; $w", ics);
        var calendar = created.Select(o => o.BaseObject).OfType<ChangeCalendar>().Single();
        Assert.Equal(new[] { "Christmas", "New year", "Standup", "Standup", "Standup" }, calendar.Events.Select(e => e.Summary));
        Assert.Contains(created.Select(o => o.BaseObject).OfType<System.Management.Automation.WarningRecord>(), w => w.Message.Contains("'Standup' repeats"));
        var state = _shell.Run<ChangeCalendarState>("Get-ChangeCalendarState holidays -At $args[0]", new DateTime(2026, 12, 25, 12, 0, 0, DateTimeKind.Utc)).Single();
        Assert.Equal((ChangeCalendarStateValue.CLOSED, new DateTime(2026, 12, 27, 0, 0, 0, DateTimeKind.Utc)), (state.State, state.NextTransitionTime!.Value));
        var windows = _shell.Run<ChangeCalendar>("New-ChangeCalendar change-windows -DefaultState DEFAULT_CLOSED -Event @{ Start = '2026-06-01T22:00:00Z'; End = '2026-06-02T02:00:00Z' }").Single();
        Assert.Equal(ChangeCalendarStateValue.OPEN, windows.StateAt(new DateTime(2026, 6, 1, 23, 0, 0, DateTimeKind.Utc)).State);
        Assert.Equal(2, _shell.Run("Get-ChangeCalendar").Count);

        Assert.Equal("ChangeCalendarNameInUse", _shell.ExpectErrorId("New-ChangeCalendar HOLIDAYS"));
        Assert.Equal("InvalidChangeCalendar", _shell.ExpectErrorId("New-ChangeCalendar x"));
        Assert.Equal("InvalidChangeCalendar", _shell.ExpectErrorId("New-ChangeCalendar backwards -Event @{ Start = '2026-06-02T00:00:00Z'; End = '2026-06-01T00:00:00Z' }"));
        Assert.Equal("InvalidChangeCalendar", _shell.ExpectErrorId("New-ChangeCalendar no-end -Event @{ Start = '2026-06-02T00:00:00Z' }"));
        Assert.Equal("CalendarFileUnreadable", _shell.ExpectErrorId("New-ChangeCalendar missing-file -IcsPath $args[0]", ics + ".nope"));
        Assert.Equal("ChangeCalendarNotFound", _shell.ExpectErrorId("Get-ChangeCalendarState nope"));
        _shell.Run("Remove-ChangeCalendar holidays, change-windows");
        Assert.Empty(_shell.Run("Get-ChangeCalendar"));
    }
}

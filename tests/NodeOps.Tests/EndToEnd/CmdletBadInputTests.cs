using System.Globalization;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Scheduling;
using NodeOps.Tests.Infrastructure;
using Xunit;

namespace NodeOps.Tests.EndToEnd;

/// <summary>
/// Bad input to the maintenance window, association, change calendar, trigger, scheduler, compliance and patching
/// cmdlets, all refused on the controller before any node is contacted (no fleet): each ErrorRecord carries the stable
/// error id, its category and its target object, and the catalog (all but the audit trail) and the files around it
/// are exactly as they were.
/// </summary>
public class CmdletBadInputTests : IClassFixture<CmdletBadInputTests.SeededCatalog>
{
    /// <summary>One catalog holding one of each thing the cases refer to, and a folder of files they may touch.</summary>
    public sealed class SeededCatalog : IDisposable
    {
        public NodeOpsShell Shell { get; } = new();
        public string Folder { get; } = TestPaths.NewTempDirectory();

        public SeededCatalog()
        {
            File.WriteAllText(Path.Combine(Folder, "exists.txt"), "keep me");
            File.WriteAllText(Path.Combine(Folder, "not-a-catalog.db"), "this is not a LiteDB file");
            File.WriteAllText(Path.Combine(Folder, "two-baselines.yaml"), """
                Resources:
                  New:
                    Type: AWS::SSM::PatchBaseline
                    Properties: { Name: pb-from-file, OperatingSystem: DEBIAN }
                  Taken:
                    Type: AWS::SSM::PatchBaseline
                    Properties: { Name: pb1, OperatingSystem: DEBIAN }
                """);
            Shell.Run("""
                Register-ManagedNode -Name n1 -Address 127.0.0.1 -Port 1 -UserName root -Tag @{ Env = 'bad-input' } | Out-Null
                New-NodeDocument -Name Rb-Sleep -DocumentType Automation -Content "schemaVersion: '0.3'`nparameters:`n  NodeId: { type: String }`nmainSteps:`n  - name: s`n    action: aws:sleep`n    inputs: { Duration: PT1S }`n" | Out-Null
                New-MaintenanceWindow mw1 'cron(0 2 ? * SUN *)' -Duration 4 -Cutoff 1 | Out-Null
                $target = Register-MaintenanceWindowTarget mw1 -Tag Role=web
                Register-MaintenanceWindowTask mw1 -Name task1 -ScriptBlock { 1 } -WindowTargetId $target.WindowTargetId | Out-Null
                New-ChangeCalendar cal1 | Out-Null
                New-NodeAssociation AWS-RunShellScript -AssociationName assoc1 -NodeId n1 -Parameters @{ commands = 'true' } | Out-Null
                New-PatchBaseline -Name pb1 -OperatingSystem Debian | Out-Null
                Register-NodeAutomationTrigger trig1 -DocumentName Rb-Sleep -OnNonCompliant Custom:Backups | Out-Null
                Set-NodeComplianceItem -NodeId n1 -Type Custom:Backups -Item @{ Id = 'nightly'; Passed = $true } | Out-Null
                """);
        }

        public string WindowTargetId => Shell.Run("(Get-MaintenanceWindowTarget mw1).WindowTargetId").Single().ToString()!;

        /// <summary>A case's script or target with the folder and the window target filled in.</summary>
        public string Fill(string text) => text.Replace("{dir}", Folder).Replace("{target}", text.Contains("{target}") ? WindowTargetId : "{target}");

        public void Dispose() => Shell.Dispose();
    }

    private readonly SeededCatalog _seeded;

    public CmdletBadInputTests(SeededCatalog seeded) => _seeded = seeded;

    /// <summary>Cmdlet, script ({dir} is the fixture's folder, {target} the registered window target), error id, category, target object (null: none).</summary>
    public static TheoryData<string, string, string, ErrorCategory, string?> Cases() => new()
    {
        { "Assert-NodeCompliant", "Assert-NodeCompliant -Tag Env", "MalformedTag", ErrorCategory.InvalidArgument, "Env" },
        { "Assert-NodeCompliant", "Assert-NodeCompliant -Type 'Custom:bad name'", "InvalidComplianceType", ErrorCategory.InvalidArgument, "Custom:bad name" },
        { "Export-NodeComplianceReport", "Export-NodeComplianceReport -Path '{dir}/exists.txt' -NoClobber", "ComplianceReportFailed", ErrorCategory.ResourceExists, "{dir}/exists.txt" },
        { "Export-NodeComplianceReport", "Export-NodeComplianceReport -Path '{dir}/no-folder/report.html'", "ComplianceReportFailed", ErrorCategory.WriteError, "{dir}/no-folder/report.html" },
        { "Export-PatchBaseline", "Export-PatchBaseline nope", "PatchBaselineNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Export-PatchBaseline", "Export-PatchBaseline pb1 -Path '{dir}/exists.txt'", "PatchBaselineFileUnreadable", ErrorCategory.ResourceExists, "{dir}/exists.txt" },
        { "Get-ChangeCalendar", "Get-ChangeCalendar nope", "ChangeCalendarNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-ChangeCalendarState", "Get-ChangeCalendarState nope", "ChangeCalendarNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-MaintenanceWindow", "Get-MaintenanceWindow -WindowId nope", "MaintenanceWindowNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-MaintenanceWindowExecution", "Get-MaintenanceWindowExecution -ExecutionId nope", "MaintenanceWindowExecutionNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-MaintenanceWindowExecution", "Get-MaintenanceWindowExecution nope", "MaintenanceWindowNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-MaintenanceWindowTarget", "Get-MaintenanceWindowTarget nope", "MaintenanceWindowNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-MaintenanceWindowTask", "Get-MaintenanceWindowTask nope", "MaintenanceWindowNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-NodeAssociation", "Get-NodeAssociation nope", "AssociationNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-NodeAssociationStatus", "Get-NodeAssociationStatus assoc1 -NodeId nope", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-NodeAutomationTrigger", "Get-NodeAutomationTrigger nope -Event", "AutomationTriggerNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-NodeComplianceItem", "Get-NodeComplianceItem -NodeId nope", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-NodeComplianceSummary", "Get-NodeComplianceSummary -PerNode -Tag Env", "MalformedTag", ErrorCategory.InvalidArgument, "Env" },
        { "Get-NodeOpsScheduleOccurrence", "Get-NodeOpsScheduleOccurrence 'cron(0 2 * * SUN *)'", "InvalidSchedule", ErrorCategory.InvalidArgument, "cron(0 2 * * SUN *)" },
        { "Get-NodeOpsScheduleOccurrence", "Get-NodeOpsScheduleOccurrence 'cron(0 2 ? * SUN *)' -TimeZone Mars/Base", "InvalidTimeZone", ErrorCategory.InvalidArgument, "Mars/Base" },
        { "Get-NodeOpsScheduleOccurrence", "Get-NodeOpsScheduleOccurrence 'rate(1 day)' -ScheduleOffset 2", "InvalidSchedule", ErrorCategory.InvalidArgument, "rate(1 day)" },
        { "Get-PatchBaseline", "Get-PatchBaseline nope", "PatchBaselineNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-PatchCompliance", "Get-PatchCompliance -NodeId nope", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Get-PatchComplianceSummary", "Get-PatchComplianceSummary -AsHtml -Path '{dir}/no-folder/patching.html'", "PatchReportUnwritable", ErrorCategory.WriteError, "{dir}/no-folder/patching.html" },
        { "Import-PatchBaseline", "Import-PatchBaseline '{dir}/missing.yaml'", "PatchBaselineFileUnreadable", ErrorCategory.ReadError, "{dir}/missing.yaml" },
        { "Import-PatchBaseline", "Import-PatchBaseline -Content 'garbage: ['", "InvalidPatchBaseline", ErrorCategory.InvalidArgument, "the content" },
        // The file's first baseline is new, its second's name is taken: neither is stored.
        { "Import-PatchBaseline", "Import-PatchBaseline '{dir}/two-baselines.yaml'", "PatchBaselineNameInUse", ErrorCategory.ResourceExists, "pb1" },
        { "Install-NodePatch", "Install-NodePatch -NodeId nope -Confirm:$false", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Install-NodePatch", "Install-NodePatch -NodeId n1 -MaxConcurrency abc -Confirm:$false", "InvalidMaxConcurrency", ErrorCategory.InvalidArgument, "abc" },
        { "Invoke-NodeComplianceCheck", "Invoke-NodeComplianceCheck -Path '{dir}/no-checks/*.ps1' -NodeId n1", "ComplianceCheckNotFound", ErrorCategory.ObjectNotFound, "{dir}/no-checks/*.ps1" },
        { "Invoke-NodeComplianceCheck", "Invoke-NodeComplianceCheck -Path '{dir}/exists.txt' -NodeId n1", "ComplianceCheckNotFound", ErrorCategory.InvalidArgument, "{dir}/exists.txt" },
        { "Invoke-NodeOpsScheduler", "Invoke-NodeOpsScheduler -Once -CatalogPath '{dir}/not-a-catalog.db'", "CatalogCorrupt", ErrorCategory.InvalidData, "{dir}/not-a-catalog.db" },
        { "Invoke-PatchScan", "Invoke-PatchScan -Tag Env", "MalformedTag", ErrorCategory.InvalidArgument, "Env" },
        { "Invoke-PatchScan", "Invoke-PatchScan", "NoTargetsMatched", ErrorCategory.InvalidArgument, null },
        { "New-ChangeCalendar", "New-ChangeCalendar CAL1", "ChangeCalendarNameInUse", ErrorCategory.ResourceExists, "CAL1" },
        { "New-ChangeCalendar", "New-ChangeCalendar x", "InvalidChangeCalendar", ErrorCategory.InvalidArgument, "x" },
        { "New-ChangeCalendar", "New-ChangeCalendar c2 -IcsPath '{dir}/exists.txt' -TimeZone Mars/Base", "InvalidTimeZone", ErrorCategory.InvalidArgument, "Mars/Base" },
        { "New-ChangeCalendar", "New-ChangeCalendar c3 -IcsPath '{dir}/exists.txt'", "CalendarFileUnreadable", ErrorCategory.InvalidData, "{dir}/exists.txt" },
        { "New-MaintenanceWindow", "New-MaintenanceWindow mw2 'rate(1 day)' -Duration 2 -Cutoff 2", "InvalidMaintenanceWindow", ErrorCategory.InvalidArgument, "2" },
        { "New-MaintenanceWindow", "New-MaintenanceWindow MW1 'rate(1 day)' -Duration 2 -Cutoff 1", "MaintenanceWindowNameInUse", ErrorCategory.ResourceExists, "MW1" },
        { "New-NodeAssociation", "New-NodeAssociation AWS-RunShellScript -NodeId n1 -Parameters @{ commands = 'true' } -ScheduleExpression 'rate(1 day)' -TimeZone Mars/Base", "InvalidTimeZone", ErrorCategory.InvalidArgument, "Mars/Base" },
        { "New-NodeAssociation", "New-NodeAssociation AWS-RunShellScript -NodeId n1 -Parameters @{ commands = 'true' } -ChangeCalendarName nope", "ChangeCalendarNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "New-NodeAssociation", "New-NodeAssociation AWS-RunShellScript -AssociationName assoc1 -NodeId n1 -Parameters @{ commands = 'true' }", "InvalidAssociation", ErrorCategory.ResourceExists, "assoc1" },
        { "New-PatchBaseline", "New-PatchBaseline -Name PB1 -OperatingSystem Debian", "PatchBaselineNameInUse", ErrorCategory.ResourceExists, "PB1" },
        { "New-PatchBaseline", "New-PatchBaseline -Name pb2 -OperatingSystem Debian -GlobalFilter 'COLOUR=red'", "InvalidPatchBaseline", ErrorCategory.InvalidArgument, "pb2" },
        { "Register-MaintenanceWindowTarget", "Register-MaintenanceWindowTarget nope -Tag Role=db", "MaintenanceWindowNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Register-MaintenanceWindowTarget", "Register-MaintenanceWindowTarget mw1", "NoTargetsMatched", ErrorCategory.InvalidArgument, null },
        { "Register-MaintenanceWindowTarget", "Register-MaintenanceWindowTarget mw1 -NodeId nope", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Register-MaintenanceWindowTask", "Register-MaintenanceWindowTask mw1 -ScriptBlock { 1 } -MaxConcurrency abc", "InvalidMaxConcurrency", ErrorCategory.InvalidArgument, "abc" },
        { "Register-MaintenanceWindowTask", "Register-MaintenanceWindowTask mw1 -ScriptBlock { 1 } -NodeId n1", "InvalidMaintenanceWindow", ErrorCategory.InvalidOperation, "mw1" },
        { "Register-MaintenanceWindowTask", "Register-MaintenanceWindowTask mw1 -DocumentName AWS-RunShellScript -DocumentVersion 99 -Parameters @{ commands = 'true' }", "DocumentVersionNotFound", ErrorCategory.ObjectNotFound, "NodeOps-RunShellScript:99" },
        { "Register-NodeAutomationTrigger", "Register-NodeAutomationTrigger 'a*' -DocumentName Rb-Sleep -OnNonCompliant Custom:X", "InvalidParameterValue", ErrorCategory.InvalidArgument, "a*" },
        { "Register-NodeAutomationTrigger", "Register-NodeAutomationTrigger trig1 -DocumentName Rb-Sleep -OnNonCompliant Custom:X", "AutomationTriggerExists", ErrorCategory.ResourceExists, "trig1" },
        { "Register-NodeAutomationTrigger", "Register-NodeAutomationTrigger t2 -DocumentName Rb-Sleep -OnNonCompliant Custom:X -NodeId nope", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Register-NodeOpsSchedulerTask", "Register-NodeOpsSchedulerTask -Path '{dir}/exists.txt'", "SchedulerTaskUnwritable", ErrorCategory.WriteError, "{dir}/exists.txt/nodeops-scheduler.service" },
        { "Register-PatchBaselineForPatchGroup", "Register-PatchBaselineForPatchGroup nope web", "PatchBaselineNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Register-PatchBaselineForPatchGroup", "Register-PatchBaselineForPatchGroup pb1 ('g' * 257)", "InvalidPatchBaseline", ErrorCategory.InvalidArgument, new string('g', 257) },
        { "Remove-ChangeCalendar", "Remove-ChangeCalendar nope", "ChangeCalendarNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Remove-MaintenanceWindow", "Remove-MaintenanceWindow nope", "MaintenanceWindowNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Remove-NodeAssociation", "Remove-NodeAssociation nope", "AssociationNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Remove-PatchBaseline", "Remove-PatchBaseline pb-nodeops-debian", "PatchBaselineReadOnly", ErrorCategory.PermissionDenied, "pb-nodeops-debian" },
        { "Set-DefaultPatchBaseline", "Set-DefaultPatchBaseline nope", "PatchBaselineNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Set-MaintenanceWindow", "Set-MaintenanceWindow mw1 -Duration 30", "InvalidMaintenanceWindow", ErrorCategory.InvalidArgument, "30" },
        { "Set-MaintenanceWindow", "Set-MaintenanceWindow mw1 -Schedule 'cron(0 2 * * SUN *)'", "InvalidSchedule", ErrorCategory.InvalidArgument, "cron(0 2 * * SUN *)" },
        { "Set-MaintenanceWindow", "Set-MaintenanceWindow mw1 -ChangeCalendarName nope", "ChangeCalendarNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Set-NodeAssociation", "Set-NodeAssociation assoc1 -ScheduleExpression 'rate(1 fortnight)'", "InvalidSchedule", ErrorCategory.InvalidArgument, "rate(1 fortnight)" },
        { "Set-NodeAssociation", "Set-NodeAssociation assoc1 -MaxConcurrency abc", "InvalidMaxConcurrency", ErrorCategory.InvalidArgument, "abc" },
        { "Set-NodeAssociation", "Set-NodeAssociation nope -MaxConcurrency 1", "AssociationNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Set-NodeAssociation", "Set-NodeAssociation assoc1 -NodeId @()", "InvalidAssociation", ErrorCategory.InvalidArgument, "assoc1" },
        { "Set-NodeComplianceItem", "Set-NodeComplianceItem -NodeId n1 -Type Backups -Item @{ Id = 'a'; Passed = $true }", "InvalidComplianceType", ErrorCategory.InvalidArgument, "Backups" },
        { "Set-NodeComplianceItem", "Set-NodeComplianceItem -NodeId n1 -Type Custom:Backups -Item 5", "InvalidComplianceItem", ErrorCategory.InvalidData, "5" },
        { "Set-NodeComplianceItem", "Set-NodeComplianceItem -NodeId nope -Type Custom:Backups -Item @()", "NodeNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Set-PatchBaseline", "Set-PatchBaseline pb1 -ApprovalRule @{ Filter = 'CLASSIFICATION=Security'; ApproveAfterDays = 400 }", "InvalidPatchBaseline", ErrorCategory.InvalidArgument, "pb1" },
        { "Set-PatchBaseline", "Set-PatchBaseline pb1 -NewName NodeOps-DebianDefaultPatchBaseline", "PatchBaselineNameInUse", ErrorCategory.ResourceExists, "NodeOps-DebianDefaultPatchBaseline" },
        { "Start-NodeAssociation", "Start-NodeAssociation nope", "AssociationNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Start-NodeOpsScheduler", "Start-NodeOpsScheduler -CatalogPath '{dir}/not-a-catalog.db'", "CatalogCorrupt", ErrorCategory.InvalidData, "{dir}/not-a-catalog.db" },
        { "Unregister-MaintenanceWindowTarget", "Unregister-MaintenanceWindowTarget mw1 nope", "MaintenanceWindowTargetNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Unregister-MaintenanceWindowTarget", "Unregister-MaintenanceWindowTarget mw1 '{target}' -Safe", "MaintenanceWindowTargetInUse", ErrorCategory.ResourceBusy, "{target}" },
        { "Unregister-MaintenanceWindowTask", "Unregister-MaintenanceWindowTask mw1 nope", "MaintenanceWindowTaskNotFound", ErrorCategory.ObjectNotFound, "nope" },
        { "Unregister-NodeAutomationTrigger", "Unregister-NodeAutomationTrigger nope", "AutomationTriggerNotFound", ErrorCategory.ObjectNotFound, "nope" },
    };

    /// <summary>The cmdlets the cases cover: every one added with scheduling, compliance and patching.</summary>
    public static IReadOnlyList<string> Cmdlets => Cases().Select(row => (string)row[0]).Distinct().ToList();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_refused_with_id_category_and_target_and_changes_nothing(string cmdlet, string script, string id, ErrorCategory category, string? target)
    {
        var before = State();

        var error = _seeded.Shell.ExpectError(_seeded.Fill(script));

        Assert.Contains(id, typeof(ErrorIds).GetFields().Select(f => (string?)f.GetValue(null)));
        Assert.True(error.FullyQualifiedErrorId.StartsWith(id + ",", StringComparison.Ordinal), $"{script}: {error.FullyQualifiedErrorId}: {error}");
        Assert.EndsWith("." + cmdlet.Replace("-", "") + "Command", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target is null ? null : _seeded.Fill(target), error.TargetObject is null ? null : Convert.ToString(error.TargetObject, CultureInfo.InvariantCulture));
        Assert.Equal(before, State());
    }

    [Fact]
    public void Every_cmdlet_added_with_scheduling_compliance_and_patching_has_a_bad_input_case()
    {
        var added = _seeded.Shell.Run("""
            (Get-Command -Module NodeOps -Noun *MaintenanceWindow*, *Association*, *ChangeCalendar*, *Patch*, *Compliance*, NodeCompliant, NodeOpsSchedule*, NodeAutomationTrigger).Name
            """).Select(o => o.ToString()!).ToList();
        Assert.Equal(46, added.Count);
        Assert.Empty(added.Except(Cmdlets));
    }

    [Fact]
    public void Get_NodeOpsScheduleOccurrence_lists_the_next_runs_in_the_time_zone_across_a_clock_change()
    {
        var shell = _seeded.Shell;
        var runs = shell.Run<ScheduleOccurrence>("Get-NodeOpsScheduleOccurrence 'cron(0 2 ? * SUN *)' -TimeZone Europe/Berlin -Count 3 -After $args[0]",
            new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new[] { 1, 2, 3 }, runs.Select(r => r.Index));
        Assert.All(runs, r => Assert.Equal(("cron(0 2 ? * SUN *)", "Europe/Berlin"), (r.Expression, r.TimeZone)));
        // 02:00 on 29 March does not exist in Berlin (clocks go to 03:00): that run is at the change, 01:00 UTC.
        Assert.Equal(new[] { Utc(2026, 3, 22, 1), Utc(2026, 3, 29, 1), Utc(2026, 4, 5, 0) }, runs.Select(r => r.UtcTime));
        Assert.Equal(new[] { Local(2026, 3, 22, 2), Local(2026, 3, 29, 3), Local(2026, 4, 5, 2) }, runs.Select(r => r.LocalTime));
        Assert.Equal(new[] { TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(2) }, runs.Select(r => r.UtcOffset));

        // A window piped in gives its schedule, zone and offset by property name.
        var fromWindow = shell.Run<ScheduleOccurrence>("Get-MaintenanceWindow mw1 | Get-NodeOpsScheduleOccurrence -Count 2 -After $args[0]",
            new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new[] { Utc(2026, 3, 22, 2), Utc(2026, 3, 29, 2) }, fromWindow.Select(r => r.UtcTime));
        Assert.All(fromWindow, r => Assert.Equal(("UTC", TimeSpan.Zero), (r.TimeZone, r.UtcOffset)));

        // The calendar ends in 9999: a rate there has a last run, and a window that starts after it has no next one.
        var last = shell.Run<ScheduleOccurrence>("Get-NodeOpsScheduleOccurrence 'rate(1 day)' -Count 3 -After $args[0]", new DateTime(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), Assert.Single(last).UtcTime);
        var never = shell.Run<NodeOps.Core.Models.MaintenanceWindow>("New-MaintenanceWindow last-day 'rate(1 day)' -Duration 2 -Cutoff 1 -StartDate $args[0]; Get-MaintenanceWindow last-*; Remove-MaintenanceWindow last-day",
            new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(2, never.Count);
        Assert.All(never, w => Assert.Null(w.NextExecutionTime));

        var error = shell.ExpectError("Get-NodeOpsScheduleOccurrence 'cron(0 25 ? * SUN *)'");
        Assert.Equal(("InvalidSchedule", ErrorCategory.InvalidArgument, "cron(0 25 ? * SUN *)"),
            (NodeOpsShell.ErrorIdOf(error), error.CategoryInfo.Category, error.TargetObject));
    }

    private static DateTime Utc(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    private static DateTime Local(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// Every catalog document but the audit trail's, and every file in the fixture's folder with a hash of its bytes.
    /// (A reader may create an empty collection; that holds nothing, so only documents count.)
    /// </summary>
    private string State()
    {
        var text = new StringBuilder();
        using (var db = new LiteDatabase($"Filename={_seeded.Shell.CatalogPath};Connection=shared"))
            foreach (var name in db.GetCollectionNames().Where(n => n != "audit").Order(StringComparer.Ordinal))
                foreach (var doc in db.GetCollection(name).FindAll().Select(d => JsonSerializer.Serialize(d)).Order(StringComparer.Ordinal))
                    text.Append(name).Append(' ').Append(doc).Append('\n');
        foreach (var file in Directory.GetFiles(_seeded.Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            text.Append(file).Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
        return text.ToString();
    }
}

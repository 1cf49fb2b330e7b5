using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>Sets session, audit and inventory preferences for the catalog; parameters not given keep their value.</summary>
[Cmdlet(VerbsCommon.Set, "NodeOpsPreference", SupportsShouldProcess = true)]
[OutputType(typeof(NodeOpsPreferences))]
public sealed class SetNodeOpsPreferenceCommand : NodeOpsCmdlet
{
    [Parameter] public bool? TranscriptEnabled { get; set; }

    /// <summary>A folder for transcript files; an empty string keeps them in the catalog again.</summary>
    [Parameter] public string? TranscriptFolder { get; set; }

    [Parameter] [ValidateRange(0, 36500)] public int? RetentionDays { get; set; }
    [Parameter] [ValidateRange(0, 100000)] public int? IdleTimeoutMinutes { get; set; }
    [Parameter] [ValidateRange(0, 100000)] public int? MaxSessionMinutes { get; set; }
    [Parameter] public bool? ReasonRequired { get; set; }

    /// <summary>Replaces the access rules, e.g. @{ Effect = 'Deny'; Principal = 'contractors'; Tag = 'Env=prod' }.</summary>
    [Parameter] public SessionAccessRule[]? SessionAccess { get; set; }

    [Parameter] public bool? AuditReadOnly { get; set; }

    /// <summary>"udp://host:514" or "local" forwards each audit event to syslog; an empty string stops it.</summary>
    [Parameter] public string? Syslog { get; set; }

    /// <summary>Days inventory changes are kept (0 keeps them all); older ones go when inventory is next stored.</summary>
    [Parameter] [ValidateRange(0, 36500)] public int? InventoryChangeRetentionDays { get; set; }

    /// <summary>The command Install-NodePatch reboots nodes with (run detached under sh on the node); an empty string restores the OS's own (shutdown -r now).</summary>
    [Parameter] public string? PatchRebootCommand { get; set; }

    protected override void EndProcessing() => Guard(() =>
    {
        if (!ShouldProcess(Catalog.Path, "Set NodeOps preferences")) return;
        WriteObject(Catalog.Preferences.Update(p =>
        {
            if (TranscriptEnabled is { } te) p.TranscriptEnabled = te;
            if (TranscriptFolder is not null) p.TranscriptFolder = TranscriptFolder.Length == 0 ? null : GetUnresolvedProviderPathFromPSPath(TranscriptFolder);
            if (RetentionDays is { } rd) p.RetentionDays = rd;
            if (IdleTimeoutMinutes is { } it) p.IdleTimeoutMinutes = it;
            if (MaxSessionMinutes is { } ms) p.MaxSessionMinutes = ms;
            if (ReasonRequired is { } rr) p.ReasonRequired = rr;
            if (SessionAccess is not null) p.SessionAccess = SessionAccess.ToList();
            if (AuditReadOnly is { } ar) p.AuditReadOnly = ar;
            if (Syslog is not null) p.Syslog = Syslog.Length == 0 ? null : Syslog;
            if (InventoryChangeRetentionDays is { } ir) p.InventoryChangeRetentionDays = ir;
            if (PatchRebootCommand is not null) p.PatchRebootCommand = PatchRebootCommand.Length == 0 ? null : PatchRebootCommand;
        }));
    });
}

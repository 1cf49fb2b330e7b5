using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>Catalog-wide preferences for sessions, auditing and inventory (one record).</summary>
public sealed class NodeOpsPreferences
{
    [BsonId] public string Id { get; set; } = "preferences";
    public bool TranscriptEnabled { get; set; } = true;
    /// <summary>A folder for transcript files; null keeps them compressed in the catalog.</summary>
    public string? TranscriptFolder { get; set; }
    /// <summary>Session records and transcripts older than this are removed (0 keeps them).</summary>
    public int RetentionDays { get; set; }
    public int IdleTimeoutMinutes { get; set; }
    public int MaxSessionMinutes { get; set; }
    public bool ReasonRequired { get; set; }
    public List<SessionAccessRule> SessionAccess { get; set; } = new();
    /// <summary>Audit read-only cmdlets too.</summary>
    public bool AuditReadOnly { get; set; }
    /// <summary>Forward audit events to syslog: "udp://host:514", or "local" for this machine's /dev/log.</summary>
    public string? Syslog { get; set; }
    /// <summary>Inventory changes (drift records) older than this are removed when new inventory is stored (0 keeps them).</summary>
    public int InventoryChangeRetentionDays { get; set; } = 90;
    /// <summary>The command Install-NodePatch -RebootOption RebootIfNeeded reboots a node with; null uses the OS's own (shutdown -r now).</summary>
    public string? PatchRebootCommand { get; set; }
}

/// <summary>Who may enter nodes with a tag: Effect Allow or Deny, Principal a user or group name, Tag "Key=Value" or "*".</summary>
public sealed class SessionAccessRule
{
    public SessionAccessEffect Effect { get; set; }
    public string Principal { get; set; } = "";
    public string Tag { get; set; } = "*";
    public override string ToString() => $"{Effect} {Principal} {Tag}";
}

public enum SessionAccessEffect { Allow, Deny }

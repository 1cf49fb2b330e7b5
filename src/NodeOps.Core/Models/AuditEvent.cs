using LiteDB;

namespace NodeOps.Core.Models;

/// <summary>
/// One change made through NodeOps: who, when, which cmdlet with which (redacted) parameters, on what,
/// with what outcome. Events are chained: each holds the hash of the one before.
/// </summary>
public sealed class AuditEvent
{
    [BsonId] public long Sequence { get; set; }
    public DateTime Time { get; set; }
    public string User { get; set; } = "";
    public string Machine { get; set; } = "";
    public int ProcessId { get; set; }
    public string Cmdlet { get; set; } = "";
    /// <summary>Bound parameters as text; secrets are "****".</summary>
    public Dictionary<string, string> Parameters { get; set; } = new();
    public List<string> Targets { get; set; } = new();
    public AuditOutcome Outcome { get; set; }
    public List<string> ErrorIds { get; set; } = new();
    /// <summary>Ids of what the call created or changed (command id, node id, document:version, parameter#version).</summary>
    public List<string> ResultIds { get; set; } = new();
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public override string ToString() => $"{Sequence} {Cmdlet} {Outcome}";
}

public enum AuditOutcome { Success, Failed, PartiallyFailed, WhatIf, Cancelled }

/// <summary>What Test-NodeOpsAuditTrail found.</summary>
public sealed class AuditTrailCheck
{
    public bool Valid { get; init; }
    public long EventCount { get; init; }
    /// <summary>The first event whose link is broken (edited, or following a removed event), or null.</summary>
    public long? FirstBrokenSequence { get; init; }
    public string? Reason { get; init; }
}

using System.Collections;
using System.Management.Automation;
using System.Security;
using NodeOps.Core.Catalog;
using NodeOps.Core.Models;

namespace NodeOps.Common;

/// <summary>
/// Gathers, over one cmdlet call, what the audit event needs (targets, ids of what was made, errors)
/// and writes the event when the call ends.
/// </summary>
internal sealed class AuditRecorder
{
    private const int MaxItems = 1000, MaxValueLength = 256;
    private static readonly string[] TargetParameters = { "NodeId", "Name", "Path", "DocumentName", "CommandId", "Tag", "WindowId", "AssociationId", "ChangeCalendarName" };
    private readonly HashSet<string> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _results = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _errors = new();

    public void Failed(string errorId)
    {
        if (_errors.Count < MaxItems) _errors.Add(errorId);
    }

    public void Result(string id) => Add(_results, id);

    /// <summary>Learns targets and result ids from an object the cmdlet wrote.</summary>
    public void Wrote(object? value)
    {
        switch (value is PSObject ps ? ps.BaseObject : value)
        {
            case ManagedNode n: Add(_results, n.NodeId); break;
            case NodeCommand c: Add(_results, c.CommandId); break;
            case NodeCommandInvocation i: Add(_results, i.CommandId); Add(_targets, i.NodeId); break;
            case NodeDocument d: Add(_results, $"{d.Name}:{d.Version}"); break;
            case NodeParameter p: Add(_results, $"{p.Name}#{p.Version}"); break;
            case Job j: Add(_results, j.Name); break;
            case NodeSessionRecord s: Add(_results, s.SessionId); Add(_targets, s.NodeId); break;
            case MaintenanceWindow w: Add(_results, w.WindowId); break;
            case MaintenanceWindowTarget t: Add(_results, t.WindowTargetId); break;
            case MaintenanceWindowTask t: Add(_results, t.WindowTaskId); break;
            case MaintenanceWindowExecution e: Add(_results, e.ExecutionId); break;
            case NodeAssociation a: Add(_results, a.AssociationId); break;
            case NodeAssociationRun r: Add(_results, r.RunId); break;
            case ChangeCalendar c: Add(_results, c.Name); break;
        }
    }

    public AuditEvent Build(string cmdlet, IDictionary<string, object> bound, Func<string, object, bool> isSecret, bool cancelled)
    {
        foreach (var name in TargetParameters)
            if (bound.TryGetValue(name, out var v) && !isSecret(name, v))
                foreach (var t in Items(v)) Add(_targets, t);
        var whatIf = bound.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true };
        return new AuditEvent
        {
            Time = DateTime.UtcNow,
            User = ControllerIdentity.UserName,
            Machine = ControllerIdentity.MachineName,
            ProcessId = ControllerIdentity.ProcessId,
            Cmdlet = cmdlet,
            Parameters = bound.ToDictionary(p => p.Key, p => isSecret(p.Key, p.Value) ? Redacted : Render(p.Value)),
            Targets = _targets.ToList(),
            ResultIds = _results.ToList(),
            ErrorIds = _errors.ToList(),
            Outcome = whatIf ? AuditOutcome.WhatIf
                : cancelled ? AuditOutcome.Cancelled
                : _errors.Count == 0 ? AuditOutcome.Success
                : _results.Count > 0 ? AuditOutcome.PartiallyFailed
                : AuditOutcome.Failed,
        };
    }

    public const string Redacted = "****";

    /// <summary>SecureStrings and credentials anywhere in a value are never written.</summary>
    public static bool IsSecretValue(object? value) => (value is PSObject ps ? ps.BaseObject : value) is SecureString or PSCredential;

    private static string Render(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        var text = value switch
        {
            null => "",
            SecureString or PSCredential => Redacted,
            SwitchParameter s => s.IsPresent ? "True" : "False",
            IDictionary d => "@{ " + string.Join("; ", d.Cast<DictionaryEntry>().Select(e => $"{e.Key} = {Render(e.Value)}")) + " }",
            string s => s,
            IEnumerable e => string.Join(", ", e.Cast<object?>().Select(Render)),
            _ => value.ToString() ?? "",
        };
        return text.Length > MaxValueLength ? text[..MaxValueLength] + "…" : text;
    }

    private static IEnumerable<string> Items(object? value) => (value is PSObject ps ? ps.BaseObject : value) switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        IDictionary => Array.Empty<string>(),
        IEnumerable e => e.Cast<object?>().Where(x => x is not null).Select(x => x!.ToString()!),
        var other => new[] { other.ToString()! },
    };

    private static void Add(HashSet<string> set, string? value)
    {
        if (!string.IsNullOrEmpty(value) && set.Count < MaxItems) set.Add(value);
    }
}

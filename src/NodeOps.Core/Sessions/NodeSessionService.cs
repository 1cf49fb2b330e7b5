using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Sessions;

/// <summary>
/// The life of a session record: checks (reason, access) before anything connects, the Active record,
/// transcript saves, and the end state. A denied attempt is recorded too.
/// </summary>
public sealed class NodeSessionService
{
    private readonly NodeCatalog _catalog;
    public NodeOpsPreferences Preferences { get; }
    public SessionTranscript Transcript { get; } = new();

    public NodeSessionService(NodeCatalog catalog)
    {
        _catalog = catalog;
        Preferences = catalog.Preferences.Get();
    }

    public NodeSessionRecord Begin(ManagedNode node, NodeSessionKind kind, string? reason, int? localPort = null, int? remotePort = null, string? remoteHost = null)
    {
        _catalog.Sessions.Prune(Preferences.RetentionDays);
        var record = new NodeSessionRecord
        {
            SessionId = NodeSessionRecord.NewId(),
            NodeId = node.NodeId,
            NodeName = node.Name,
            Kind = kind,
            Status = NodeSessionStatus.Active,
            User = OperatorIdentity.UserName,
            Machine = ControllerIdentity.MachineName,
            ProcessId = ControllerIdentity.ProcessId,
            Reason = reason,
            StartTime = DateTime.UtcNow,
            LocalPort = localPort,
            RemotePort = remotePort,
            RemoteHost = remoteHost,
        };
        try
        {
            if (Preferences.ReasonRequired && string.IsNullOrWhiteSpace(reason))
                throw new NodeOpsException(ErrorIds.SessionReasonRequired, ErrorCategory.InvalidArgument, node.NodeId,
                    "Preferences require a reason for every session: give -Reason.");
            SessionAccess.Check(Preferences.SessionAccess, node, record.User, OperatorIdentity.Groups);
        }
        catch (NodeOpsException ex)
        {
            record.Status = NodeSessionStatus.Denied;
            record.EndTime = record.StartTime;
            record.ExitDetails = ex.Message;
            _catalog.Sessions.Insert(record);
            throw;
        }
        if (Preferences.TranscriptEnabled && Preferences.TranscriptFolder is { } folder) CheckWritable(folder, record);
        _catalog.Sessions.Insert(record);
        Transcript.Header($"NodeOps session {record.SessionId}: {record.User}@{record.Machine} on {node.Name} ({node.NodeId}, {node.Address}) at {record.StartTime:O}{(reason is null ? "" : " — reason: " + reason)}");
        return record;
    }

    /// <summary>A transcript that cannot be kept stops the session before it starts (and the attempt is recorded).</summary>
    private void CheckWritable(string folder, NodeSessionRecord record)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".{record.SessionId}.probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            record.Status = NodeSessionStatus.Failed;
            record.EndTime = record.StartTime;
            record.ExitDetails = $"The transcript folder '{folder}' is not writable: {ex.Message}";
            _catalog.Sessions.Insert(record);
            throw new NodeOpsException(ErrorIds.TranscriptUnwritable, ErrorCategory.WriteError, folder, record.ExitDetails + " No session was opened.", ex);
        }
    }

    public void Save(NodeSessionRecord record)
    {
        if (Preferences.TranscriptEnabled) _catalog.Sessions.SaveTranscript(record, Transcript.Text, Preferences.TranscriptFolder);
    }

    public bool StopRequested(NodeSessionRecord record) => _catalog.Sessions.IsStopRequested(record.SessionId);

    public void End(NodeSessionRecord record, NodeSessionStatus status, string details)
    {
        record.Status = status;
        record.EndTime = DateTime.UtcNow;
        record.ExitDetails = details;
        Transcript.Header($"ended {record.EndTime:O}: {status} — {details}");
        try
        {
            Save(record);
        }
        finally
        {
            var stored = _catalog.Sessions.Get(record.SessionId);
            record.StopRequested = stored.StopRequested;
            record.StopRequestedBy = stored.StopRequestedBy;
            _catalog.Sessions.Update(record);
        }
    }

    /// <summary>Why the session must end now (stop request, idle, max duration), or null.</summary>
    public string? MustEnd(NodeSessionRecord record, DateTime lastActivity)
    {
        if (StopRequested(record)) return $"stopped by {_catalog.Sessions.Get(record.SessionId).StopRequestedBy}";
        if (Preferences.MaxSessionMinutes > 0 && DateTime.UtcNow - record.StartTime > TimeSpan.FromMinutes(Preferences.MaxSessionMinutes))
            return $"maximum session duration ({Preferences.MaxSessionMinutes} min) reached";
        if (Preferences.IdleTimeoutMinutes > 0 && DateTime.UtcNow - lastActivity > TimeSpan.FromMinutes(Preferences.IdleTimeoutMinutes))
            return $"idle for {Preferences.IdleTimeoutMinutes} min";
        return null;
    }
}

using System.IO.Compression;
using System.Management.Automation;
using System.Text;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Core.Catalog;

/// <summary>Session records, their transcripts (gzip in the catalog, or files in a folder) and cross-process stop requests.</summary>
public sealed class SessionStore
{
    private readonly NodeCatalog _catalog;
    internal SessionStore(NodeCatalog catalog) => _catalog = catalog;

    private static ILiteCollection<NodeSessionRecord> Sessions(LiteDatabase db) => db.GetCollection<NodeSessionRecord>(CatalogCollections.Sessions);
    private static ILiteStorage<string> Files(LiteDatabase db) => db.GetStorage<string>("_transcriptfiles", "_transcriptchunks");

    public void Insert(NodeSessionRecord r) => _catalog.Run(db => Sessions(db).Insert(r));

    public void Update(NodeSessionRecord r) => _catalog.Run(db => Sessions(db).Update(r));

    public NodeSessionRecord Get(string id) => _catalog.Run(db => Sessions(db).FindById(id))
        ?? throw NotFound(id);

    public IReadOnlyList<NodeSessionRecord> Query(string? nodeId, bool activeOnly, string? user, int? first) => _catalog.Run(db =>
    {
        IEnumerable<NodeSessionRecord> rows = Sessions(db).Query().OrderByDescending(s => s.StartTime).ToEnumerable();
        if (nodeId is not null) rows = rows.Where(s => s.NodeId.Equals(nodeId, StringComparison.OrdinalIgnoreCase));
        if (activeOnly) rows = rows.Where(s => s.Status == NodeSessionStatus.Active);
        if (user is not null) rows = rows.Where(s => s.User.Equals(user, StringComparison.OrdinalIgnoreCase));
        if (first is { } f) rows = rows.Take(f);
        return rows.ToList();
    });

    /// <summary>Asks the process running an active session to end it; false when it is not active.</summary>
    public bool RequestStop(string id, string by) => _catalog.InTransaction(db =>
    {
        var r = Sessions(db).FindById(id) ?? throw NotFound(id);
        if (r.Status != NodeSessionStatus.Active) return false;
        r.StopRequested = true;
        r.StopRequestedBy = by;
        Sessions(db).Update(r);
        return true;
    });

    public bool IsStopRequested(string id) => _catalog.Run(db => Sessions(db).FindById(id)?.StopRequested ?? false);

    /// <summary>Stores the transcript so far (the whole text each time, so a crash keeps what was saved last).</summary>
    public void SaveTranscript(NodeSessionRecord r, string text, string? folder)
    {
        var bytes = Compress(text);
        r.TranscriptLength = text.Length;
        if (folder is not null)
        {
            try
            {
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, r.SessionId + ".txt.gz");
                var temp = path + ".tmp";
                File.WriteAllBytes(temp, bytes);
                File.Move(temp, path, overwrite: true);
                r.TranscriptFile = path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.TranscriptUnwritable, ErrorCategory.WriteError, folder, $"The transcript folder '{folder}' is not writable: {ex.Message}", ex);
            }
            Update(r);
            return;
        }
        _catalog.InTransaction(db =>
        {
            using var stream = new MemoryStream(bytes);
            Files(db).Upload("$/transcripts/" + r.SessionId, r.SessionId + ".txt.gz", stream);
            Sessions(db).Update(r);
        });
    }

    public string LoadTranscript(NodeSessionRecord r)
    {
        byte[] bytes;
        if (r.TranscriptFile is { } file)
        {
            try { bytes = File.ReadAllBytes(file); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeOpsException(ErrorIds.TranscriptUnwritable, ErrorCategory.ReadError, file, $"The transcript file '{file}' cannot be read: {ex.Message}", ex);
            }
        }
        else
        {
            bytes = _catalog.Run(db =>
            {
                var id = "$/transcripts/" + r.SessionId;
                if (!Files(db).Exists(id)) return Array.Empty<byte>();
                using var stream = new MemoryStream();
                Files(db).Download(id, stream);
                return stream.ToArray();
            });
        }
        return bytes.Length == 0 ? "" : Decompress(bytes);
    }

    /// <summary>Removes records (and transcripts) that ended more than the given days ago.</summary>
    public int Prune(int retentionDays)
    {
        if (retentionDays <= 0) return 0;
        var cutoff = DateTime.UtcNow.AddDays(-retentionDays);
        return _catalog.InTransaction(db =>
        {
            var old = Sessions(db).Find(s => s.EndTime != null && s.EndTime < cutoff).ToList();
            foreach (var s in old)
            {
                Files(db).Delete("$/transcripts/" + s.SessionId);
                if (s.TranscriptFile is { } f) try { File.Delete(f); } catch (IOException) { }
                Sessions(db).Delete(s.SessionId);
            }
            return old.Count;
        });
    }

    /// <summary>Active sessions whose process is gone become Interrupted.</summary>
    internal void MarkOrphans() => _catalog.Run(db =>
    {
        foreach (var s in Sessions(db).Find(x => x.Status == NodeSessionStatus.Active).ToList())
        {
            if (ControllerIdentity.IsLiveOwner(s.Machine, s.ProcessId, s.StartTime)) continue;
            s.Status = NodeSessionStatus.Interrupted;
            s.EndTime ??= DateTime.UtcNow;
            s.ExitDetails = "The process running the session ended without closing it.";
            Sessions(db).Update(s);
        }
    });

    private static NodeOpsException NotFound(string id) =>
        new(ErrorIds.SessionNotFound, ErrorCategory.ObjectNotFound, id, $"No session with id '{id}' is in the catalog.");

    private static byte[] Compress(string text)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal)) gz.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static string Decompress(byte[] bytes)
    {
        using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

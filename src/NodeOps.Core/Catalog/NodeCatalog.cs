using System.Diagnostics;
using System.Management.Automation;
using LiteDB;
using NodeOps.Core.Errors;
using NodeOps.Core.Security;

namespace NodeOps.Core.Catalog;

/// <summary>
/// The LiteDB catalog file. Opened in LiteDB's shared mode so several processes (an operator's shell
/// and a scheduled task) can use one file: each operation takes a cross-process lock, and LiteDB's
/// write-ahead log makes every write or transaction atomic. Within this process, calls are serialized.
/// </summary>
public sealed class NodeCatalog : IDisposable
{
    private static readonly TimeSpan LockRetryWindow = TimeSpan.FromSeconds(3);
    private readonly LiteDatabase _db;
    private readonly object _gate = new();

    public string Path { get; }
    public NodeStore Nodes { get; }
    public CommandStore Commands { get; }
    public DocumentStore Documents { get; }
    public ParameterStore Parameters { get; }
    public AuditStore Audit { get; }
    public SessionStore Sessions { get; }
    public PreferenceStore Preferences { get; }
    public InventoryStore Inventory { get; }
    public ComplianceStore Compliance { get; }
    public MaintenanceWindowStore MaintenanceWindows { get; }
    public AssociationStore Associations { get; }
    public ChangeCalendarStore ChangeCalendars { get; }
    public PatchBaselineStore PatchBaselines { get; }
    public PatchComplianceStore PatchCompliance { get; }
    public AutomationStore Automation { get; }
    public AutomationTriggerStore AutomationTriggers { get; }

    private NodeCatalog(string path, LiteDatabase db)
    {
        Path = path;
        _db = db;
        Nodes = new NodeStore(this);
        Commands = new CommandStore(this);
        Documents = new DocumentStore(this);
        Parameters = new ParameterStore(this, SecretProtector.Default);
        Audit = new AuditStore(this);
        Sessions = new SessionStore(this);
        Preferences = new PreferenceStore(this);
        Inventory = new InventoryStore(this);
        Compliance = new ComplianceStore(this);
        MaintenanceWindows = new MaintenanceWindowStore(this);
        Associations = new AssociationStore(this);
        ChangeCalendars = new ChangeCalendarStore(this);
        PatchBaselines = new PatchBaselineStore(this);
        PatchCompliance = new PatchComplianceStore(this);
        Automation = new AutomationStore(this);
        AutomationTriggers = new AutomationTriggerStore(this);
    }

    public static NodeCatalog Open(string? explicitPath = null)
    {
        var path = CatalogLocation.Resolve(explicitPath);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeOpsException(ErrorIds.CatalogUnavailable, ErrorCategory.WriteError, path,
                $"Cannot create the catalog folder for '{path}': {ex.Message}", ex);
        }

        CatalogFileCheck.ThrowIfNotCatalog(path);
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Shared };
        var db = new LiteDatabase(connection, CatalogMapper.Instance);
        var catalog = new NodeCatalog(path, db);
        try
        {
            catalog.Run(d =>
            {
                var version = CatalogSchema.ReadVersion(d);
                if (version > CatalogSchema.CurrentVersion)
                    throw new NodeOpsException(ErrorIds.CatalogSchemaTooNew, ErrorCategory.InvalidData, path,
                        $"The catalog '{path}' has schema version {version}, newer than this NodeOps understands ({CatalogSchema.CurrentVersion}). Update NodeOps; the file was not changed.");
                CatalogSchema.Upgrade(d);
                return 0;
            });
            InterruptedRunSweeper.MarkOrphans(catalog);
        }
        catch
        {
            db.Dispose();
            throw;
        }
        return catalog;
    }

    /// <summary>Runs one catalog operation, retrying briefly while another process holds the file.</summary>
    internal T Run<T>(Func<LiteDatabase, T> operation)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                lock (_gate) return operation(_db);
            }
            catch (NodeOpsException) { throw; }
            catch (IOException ex) when (IsLock(ex) && watch.Elapsed < LockRetryWindow)
            {
                Thread.Sleep(50);
            }
            catch (Exception ex) when (Translate(ex) is { } translated)
            {
                throw translated;
            }
        }
    }

    internal void Run(Action<LiteDatabase> operation) => Run(d => { operation(d); return 0; });

    /// <summary>Runs several writes as one atomic transaction.</summary>
    internal void InTransaction(Action<LiteDatabase> operation) => InTransaction(d => { operation(d); return 0; });

    internal T InTransaction<T>(Func<LiteDatabase, T> operation) => Run(d =>
    {
        d.BeginTrans();
        try
        {
            var result = operation(d);
            d.Commit();
            return result;
        }
        catch
        {
            d.Rollback();
            throw;
        }
    });

    private static bool IsLock(IOException ex) =>
        ex.HResult == 11 || ex.HResult == 32 || ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("being used by another process", StringComparison.OrdinalIgnoreCase);

    private NodeOpsException? Translate(Exception ex) => ex switch
    {
        IOException io when IsLock(io) => new NodeOpsException(ErrorIds.CatalogLocked, ErrorCategory.ResourceBusy, Path,
            $"The catalog '{Path}' is locked by another program and stayed locked for {LockRetryWindow.TotalSeconds:0} s. Nothing was changed.", ex),
        UnauthorizedAccessException => new NodeOpsException(ErrorIds.CatalogUnavailable, ErrorCategory.PermissionDenied, Path,
            $"Access to the catalog '{Path}' was denied: {ex.Message}", ex),
        LiteException lite when lite.ErrorCode == LiteException.INDEX_DUPLICATE_KEY => null,
        LiteException or InvalidCastException or ArgumentOutOfRangeException or FormatException or IndexOutOfRangeException =>
            new NodeOpsException(ErrorIds.CatalogCorrupt, ErrorCategory.InvalidData, Path,
                $"The catalog '{Path}' cannot be read as a NodeOps catalog ({ex.Message}). It was left as it is; restore it from a backup or point -CatalogPath elsewhere.", ex),
        IOException io => new NodeOpsException(ErrorIds.CatalogUnavailable, ErrorCategory.ReadError, Path,
            $"The catalog '{Path}' could not be read: {io.Message}", ex),
        _ => null,
    };

    public void Dispose() => _db.Dispose();
}

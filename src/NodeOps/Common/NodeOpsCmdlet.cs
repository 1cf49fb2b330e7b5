using System.Management.Automation;
using NodeOps.Core.Catalog;
using NodeOps.Core.Errors;
using NodeOps.Core.Transport;

namespace NodeOps.Common;

/// <summary>
/// Base of every NodeOps cmdlet: the -CatalogPath parameter, the catalog opened once per call and
/// closed when the pipeline ends, and the turning of NodeOps failures into proper ErrorRecords.
/// </summary>
public abstract class NodeOpsCmdlet : PSCmdlet, IDisposable
{
    private NodeCatalog? _catalog;

    /// <summary>The catalog file to use instead of $env:NODEOPS_CATALOG or the default in the user's profile.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CatalogPath { get; set; }

    protected NodeCatalog Catalog => _catalog ??= Guard(() => NodeCatalog.Open(ResolvedCatalogPath));

    protected string? ResolvedCatalogPath => CatalogPath is null ? null : GetUnresolvedProviderPathFromPSPath(CatalogPath);

    protected ConnectionSettings ConnectionSettingsFor(int? connectTimeoutSeconds) =>
        ConnectionSettings.ForCatalog(Catalog.Path, connectTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

    /// <summary>Runs an action; a NodeOpsException ends the command with its ErrorRecord.</summary>
    protected T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NodeOpsException ex)
        {
            ThrowTerminatingError(ex.ToErrorRecord());
            throw; // not reached
        }
    }

    protected void Guard(Action action) => Guard(() => { action(); return 0; });

    /// <summary>Runs an action for one pipeline item; a NodeOpsException is written as a non-terminating error.</summary>
    protected void ForEachItem(Action action)
    {
        try
        {
            action();
        }
        catch (NodeOpsException ex) when (ex.ErrorId is not (ErrorIds.CatalogCorrupt or ErrorIds.CatalogLocked or ErrorIds.CatalogSchemaTooNew or ErrorIds.CatalogUnavailable))
        {
            WriteError(ex.ToErrorRecord());
        }
        catch (NodeOpsException ex)
        {
            ThrowTerminatingError(ex.ToErrorRecord());
        }
    }

    public void Dispose()
    {
        _catalog?.Dispose();
        _catalog = null;
        GC.SuppressFinalize(this);
    }
}

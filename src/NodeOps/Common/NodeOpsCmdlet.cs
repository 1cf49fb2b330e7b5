using System.Collections.Concurrent;
using System.Management.Automation;
using NodeOps.Core.Audit;
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
    private static readonly ConcurrentDictionary<Type, bool> ChangesThings = new();
    private NodeCatalog? _catalog;
    private readonly AuditRecorder _audit = new();
    private bool _stopping;

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
            _audit.Failed(ex.ErrorId);
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
            _audit.Failed(ex.ErrorId);
            WriteError(ex.ToErrorRecord());
        }
        catch (NodeOpsException ex)
        {
            _audit.Failed(ex.ErrorId);
            ThrowTerminatingError(ex.ToErrorRecord());
        }
    }

    /// <summary>Writes to the pipeline, noting what was made or touched for the audit event.</summary>
    protected new void WriteObject(object? sendToPipeline)
    {
        _audit.Wrote(sendToPipeline);
        base.WriteObject(sendToPipeline);
    }

    protected new void WriteObject(object? sendToPipeline, bool enumerateCollection)
    {
        if (enumerateCollection && sendToPipeline is System.Collections.IEnumerable items)
            foreach (var item in items) _audit.Wrote(item);
        else _audit.Wrote(sendToPipeline);
        base.WriteObject(sendToPipeline, enumerateCollection);
    }

    /// <summary>Parameters whose values are secrets (SecureStrings and credentials always are).</summary>
    protected virtual bool IsSecretParameter(string name, object value) => AuditRecorder.IsSecretValue(value);

    /// <summary>Cmdlets that change things (they support -WhatIf) write one audit event per call.</summary>
    private bool IsAudited => ChangesThings.GetOrAdd(GetType(), t =>
        t.GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().Any(a => a.SupportsShouldProcess));

    protected override void StopProcessing()
    {
        _stopping = true;
        base.StopProcessing();
    }

    /// <summary>Notes the id of something the call made that it does not write to the pipeline.</summary>
    protected void NoteResult(string id) => _audit.Result(id);

    private void WriteAuditEvent(bool changesThings)
    {
        try
        {
            // A read-only call that never opened the catalog does not create one just to read the preference.
            if (!changesThings && _catalog is null && !File.Exists(CatalogLocation.Resolve(ResolvedCatalogPath))) return;
            var catalog = _catalog ?? NodeCatalog.Open(ResolvedCatalogPath);
            try
            {
                var preferences = catalog.Preferences.Get();
                if (!changesThings && !preferences.AuditReadOnly) return;
                var e = catalog.Audit.Append(_audit.Build(MyInvocation.MyCommand.Name, MyInvocation.BoundParameters, IsSecretParameter, _stopping));
                if (preferences.Syslog is { } syslog && SyslogForwarder.Send(e, syslog) is { } failure)
                    WriteWarningQuietly($"The audit event was kept in the catalog but not sent to syslog ({syslog}): {failure}");
            }
            finally { if (_catalog is null) catalog.Dispose(); }
        }
        catch (NodeOpsException)
        {
            // The catalog itself is unusable; the cmdlet has already reported that.
        }
    }

    private void WriteWarningQuietly(string text)
    {
        try { WriteWarning(text); } catch (Exception) { /* the pipeline has ended; the catalog has the event */ }
    }

    public void Dispose()
    {
        WriteAuditEvent(IsAudited);
        _catalog?.Dispose();
        _catalog = null;
        GC.SuppressFinalize(this);
    }
}

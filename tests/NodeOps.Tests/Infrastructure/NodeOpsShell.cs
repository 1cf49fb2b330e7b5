using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace NodeOps.Tests.Infrastructure;

/// <summary>
/// A real PowerShell engine runspace with the staged NodeOps module imported and every NodeOps cmdlet
/// pointed at one catalog file (through $PSDefaultParameterValues), so tests run in parallel safely.
/// </summary>
public sealed class NodeOpsShell : IDisposable
{
    private readonly Runspace _runspace;
    public string CatalogPath { get; }

    public NodeOpsShell(string? catalogPath = null)
    {
        CatalogPath = catalogPath ?? Path.Combine(TestPaths.NewTempDirectory(), "catalog.db");
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(TestPaths.ModuleManifest);
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        Run("$PSDefaultParameterValues['*:CatalogPath'] = $args[0]", CatalogPath);
    }

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script; throws if it wrote errors (use <see cref="RunAllowingErrors"/> to inspect them).</summary>
    public Collection<PSObject> Run(string script, params object[] args)
    {
        var (output, errors) = RunAllowingErrors(script, args);
        if (errors.Count > 0) throw new Xunit.Sdk.XunitException("Script wrote errors:\n" + string.Join("\n", errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return output;
    }

    public (Collection<PSObject> Output, List<ErrorRecord> Errors) RunAllowingErrors(string script, params object[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        var errors = new List<ErrorRecord>();
        Collection<PSObject> output;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            errors.Add(ex.ErrorRecord);
            output = new Collection<PSObject>();
        }
        errors.InsertRange(0, ps.Streams.Error);
        return (output, errors);
    }

    public List<T> Run<T>(string script, params object[] args) => Run(script, args).Select(o => (T)o.BaseObject).ToList();

    /// <summary>Runs a script and returns the single terminating or non-terminating error it must produce.</summary>
    public ErrorRecord ExpectError(string script, params object[] args)
    {
        var (_, errors) = RunAllowingErrors(script, args);
        Xunit.Assert.NotEmpty(errors);
        return errors[0];
    }

    /// <summary>The error id (the first part of FullyQualifiedErrorId) of the first error the script writes.</summary>
    public string ExpectErrorId(string script, params object[] args) => ErrorIdOf(ExpectError(script, args));

    public static string ErrorIdOf(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    public void Dispose() => _runspace.Dispose();
}

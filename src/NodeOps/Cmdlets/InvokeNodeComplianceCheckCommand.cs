using System.Collections.ObjectModel;
using System.Collections;
using System.Management.Automation;
using NodeOps.Common;
using NodeOps.Core.Compliance;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;

namespace NodeOps.Cmdlets;

/// <summary>
/// Sends check scripts to many nodes and runs them there, by running the built-in NodeOps-RunComplianceChecks
/// document (same targets, rate control and history as Invoke-NodeCommand); each result becomes a Check:SUITE
/// compliance item of its node.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "NodeComplianceCheck", SupportsShouldProcess = true)]
[OutputType(typeof(NodeCommandInvocation), typeof(NodeCommand), typeof(NodeCommandJob))]
public sealed class InvokeNodeComplianceCheckCommand : FanOutCmdlet
{
    /// <summary>Check files or folders on the controller (wildcards allowed): *.ps1 scripts, and *.Tests.ps1 Pester files.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The SUITE of Check:SUITE; by default each check file's folder name.</summary>
    [Parameter] [ValidatePattern("^[A-Za-z0-9_.-]{1,64}$")] public string? Suite { get; set; }

    /// <summary>Severity of the item recorded for a check that throws, writes an error or returns nothing. Default High.</summary>
    [Parameter] public ComplianceSeverity ErrorSeverity { get; set; } = ComplianceSeverity.High;

    protected override string Activity => "Run compliance checks";

    protected override (CommandKind, string, DocumentPlan) Describe()
    {
        var checks = ComplianceCheck.FromFiles(CheckFiles(), Suite);
        var parameters = new Hashtable
        {
            ["checks"] = ComplianceCheck.ToJson(checks),
            ["errorSeverity"] = ErrorSeverity.ToString().ToUpperInvariant(),
        };
        return StoredDocument("NodeOps-RunComplianceChecks", null, parameters);
    }

    private List<string> CheckFiles()
    {
        var files = new List<string>();
        foreach (var p in Path)
        {
            Collection<string> resolved;
            try { resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(p, out _); }
            catch (ItemNotFoundException) { resolved = new Collection<string>(); }
            if (resolved.Count == 0)
                throw new NodeOpsException(ErrorIds.ComplianceCheckNotFound, ErrorCategory.ObjectNotFound, p, $"No check file matches '{p}'.");
            foreach (var r in resolved)
            {
                if (Directory.Exists(r)) files.AddRange(Directory.EnumerateFiles(r, "*.ps1", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal));
                else if (r.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase)) files.Add(r);
                else throw new NodeOpsException(ErrorIds.ComplianceCheckNotFound, ErrorCategory.InvalidArgument, r, $"'{r}' is not a .ps1 check file.");
            }
        }
        if (files.Count == 0)
            throw new NodeOpsException(ErrorIds.ComplianceCheckNotFound, ErrorCategory.ObjectNotFound, string.Join(", ", Path), "The paths given hold no *.ps1 check.");
        return files.Distinct(StringComparer.Ordinal).ToList();
    }
}

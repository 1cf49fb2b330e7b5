using System.Collections;
using System.Management.Automation;
using NodeOps.Core.Models;

namespace NodeOps.Core.Compliance;

/// <summary>
/// Turns what checks returned on a node into compliance items, grouped by suite: one item per result; the
/// check's name is the id when it gives none (name#2, name#3 for more); a failed check (it threw, wrote an
/// error, or returned nothing) is one NonCompliant item with the error in its details and the run's error severity.
/// </summary>
public static class ComplianceCheckResults
{
    public static IReadOnlyDictionary<string, List<ComplianceItemInput>> ToItems(IEnumerable<PSObject> results, IReadOnlyList<ComplianceCheck> checks, ComplianceSeverity errorSeverity)
    {
        var bySuite = checks.Select(c => c.Suite).Distinct(StringComparer.Ordinal).ToDictionary(s => s, _ => new List<ComplianceItemInput>(), StringComparer.Ordinal);
        var suiteOf = checks.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Suite, StringComparer.Ordinal);
        var used = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            string? Get(string name) => ComplianceRules.Text(r.Properties[name]?.Value);
            var check = Get("Check") ?? "";
            // Checks of the same name in two suites (linux/ssh.ps1, windows/ssh.ps1) are told apart by the suite each result carries.
            var suite = Get("Suite") is { } carried && bySuite.ContainsKey(carried) ? carried
                : suiteOf.TryGetValue(check, out var named) ? named : null;
            if (suite is null) continue;
            var ids = used.TryGetValue(suite, out var set) ? set : used[suite] = new HashSet<string>(StringComparer.Ordinal);
            var error = Get("Error");
            var details = Details(r.Properties["Details"]?.Value);
            var baseId = Get("Id") is { Length: > 0 } given ? given.Trim() : check;
            var id = baseId.Length > ComplianceRules.MaxIdLength ? baseId[..ComplianceRules.MaxIdLength] : baseId;
            for (var n = 2; !ids.Add(id); n++) id = $"{baseId}#{n}";
            ComplianceSeverity severity;
            if (error is not null) severity = errorSeverity;
            else if (!ComplianceRules.TryParseSeverity(Get("Severity"), out severity))
            {
                details["SeverityProblem"] = $"'{Get("Severity")}' is not a severity; recorded as UNSPECIFIED.";
                severity = ComplianceSeverity.Unspecified;
            }
            var title = error is not null ? $"{check} failed to run" : Get("Title") is { Length: > 0 } t ? t : id;
            if (title.Length > ComplianceRules.MaxTitleLength) title = title[..ComplianceRules.MaxTitleLength];
            details["Check"] = check;
            var passed = error is null && r.Properties["Passed"]?.Value is true or PSObject { BaseObject: true };
            bySuite[suite].Add(new ComplianceItemInput(id, title, passed ? ComplianceStatus.Compliant : ComplianceStatus.NonCompliant, severity, details));
        }
        return bySuite;
    }

    private static Dictionary<string, string> Details(object? value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = value is PSObject p ? p.BaseObject : value;
        if (raw is IDictionary d)
            foreach (DictionaryEntry e in d) result[e.Key.ToString()!] = ComplianceRules.Text(e.Value) ?? "";
        else if (value is PSObject obj)
            foreach (var prop in obj.Properties) result[prop.Name] = ComplianceRules.Text(prop.Value) ?? "";
        return result.Count > ComplianceRules.MaxDetails ? result.Take(ComplianceRules.MaxDetails).ToDictionary(k => k.Key, k => k.Value) : result;
    }
}

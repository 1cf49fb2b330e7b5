using System.Globalization;
using System.Management.Automation;
using NodeOps.Core.Errors;

namespace NodeOps.Core.Execution;

/// <summary>A MaxConcurrency or MaxErrors value as SSM writes them: a count ("10") or a share of the targets ("25%").</summary>
public readonly record struct RateLimit(int Count, double? Percent)
{
    public bool IsPercent => Percent is not null;

    public static RateLimit ParseConcurrency(string text) => Parse(text, allowZero: false, ErrorIds.InvalidMaxConcurrency, "MaxConcurrency");
    public static RateLimit ParseErrors(string text) => Parse(text, allowZero: true, ErrorIds.InvalidMaxErrors, "MaxErrors");

    /// <summary>Concurrency rounds up (never below one node); errors round down, like SSM.</summary>
    public int ConcurrencyFor(int targets) => Percent is { } p ? Math.Max(1, (int)Math.Ceiling(targets * p / 100.0)) : Count;
    public int ErrorsFor(int targets) => Percent is { } p ? (int)Math.Floor(targets * p / 100.0) : Count;

    private static RateLimit Parse(string text, bool allowZero, string errorId, string name)
    {
        var t = (text ?? "").Trim();
        var min = allowZero ? 0 : 1;
        if (t.EndsWith('%'))
        {
            if (double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= min && p <= 100 && (allowZero || p > 0))
                return new RateLimit(0, p);
        }
        else if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min)
        {
            return new RateLimit(n, null);
        }
        throw new NodeOpsException(errorId, ErrorCategory.InvalidArgument, text,
            $"{name} '{text}' is not valid: give a whole number of nodes ({min} or more) or a percentage from {(allowZero ? "0" : "1")}% to 100%.");
    }

    public override string ToString() => Percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : Count.ToString(CultureInfo.InvariantCulture);
}

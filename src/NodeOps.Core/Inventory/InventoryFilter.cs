using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using NodeOps.Core.Models;

namespace NodeOps.Core.Inventory;

/// <summary>
/// A -Filter script block such as <c>{ Name -like 'openssl*' -and Version -lt '3.0.8' }</c> compiled to a
/// predicate over stored rows, so fleet-wide queries do not run PowerShell per row. Comparisons of a
/// property with a constant, joined by -and / -or / -not, are understood; Version compares as a package
/// version of the row's scheme. A Name condition at the top of an -and chain narrows the indexed lookup.
/// Anything else makes <see cref="TryCompile"/> return null (the caller then evaluates the script block per row).
/// </summary>
public sealed partial class InventoryFilter
{
    public Func<InventoryEntry, bool> Predicate { get; }
    public string? NameEquals { get; }
    public string? NamePrefix { get; }

    private InventoryFilter(Func<InventoryEntry, bool> predicate, string? nameEquals, string? namePrefix)
    {
        Predicate = predicate;
        NameEquals = nameEquals;
        NamePrefix = namePrefix;
    }

    public static InventoryFilter All { get; } = new(_ => true, null, null);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\$\.\w'""-])\b([A-Za-z_][A-Za-z0-9_]*)(?=\s+-[ic]?(?:eq|ne|lt|le|gt|ge|like|notlike|match|notmatch)\b)")]
    private static partial System.Text.RegularExpressions.Regex BareProperty();

    /// <summary>
    /// The filter as PowerShell that runs per row: bare property names on the left of a comparison
    /// (<c>Name -like 'x'</c>, as Active Directory filters are written) become <c>$_.Name</c>.
    /// </summary>
    public static ScriptBlock AsScript(ScriptBlock filter) => ScriptBlock.Create(BareProperty().Replace(filter.ToString(), "$$_.$1"));

    public static InventoryFilter? TryCompile(ScriptBlock filter)
    {
        filter = AsScript(filter);
        if (filter.Ast is not ScriptBlockAst { EndBlock.Statements.Count: 1 } sb) return null;
        if (sb.EndBlock.Statements[0] is not PipelineAst { PipelineElements.Count: 1 } p || p.PipelineElements[0] is not CommandExpressionAst ce) return null;
        var predicate = Compile(ce.Expression);
        if (predicate is null) return null;
        string? eq = null, prefix = null;
        foreach (var c in TopLevelAnd(ce.Expression))
        {
            if (c is BinaryExpressionAst b && PropertyName(b.Left) is { } prop && prop.Equals("Name", StringComparison.OrdinalIgnoreCase)
                && Constant(b.Right) is { } value)
            {
                if (b.Operator is TokenKind.Ieq or TokenKind.Ceq) eq = value;
                else if (b.Operator is TokenKind.Ilike or TokenKind.Clike && value.IndexOfAny(new[] { '*', '?', '[' }) is var i && i > 0 && value[i] == '*')
                    prefix = value[..i];
            }
        }
        return new InventoryFilter(predicate, eq, prefix);
    }

    private static IEnumerable<ExpressionAst> TopLevelAnd(ExpressionAst e) =>
        e is BinaryExpressionAst { Operator: TokenKind.And } b ? TopLevelAnd(b.Left).Concat(TopLevelAnd(b.Right))
        : e is ParenExpressionAst { Pipeline: PipelineAst { PipelineElements: [CommandExpressionAst inner] } } ? TopLevelAnd(inner.Expression)
        : new[] { e };

    private static Func<InventoryEntry, bool>? Compile(ExpressionAst e)
    {
        switch (e)
        {
            case ParenExpressionAst { Pipeline: PipelineAst { PipelineElements: [CommandExpressionAst inner] } }:
                return Compile(inner.Expression);
            case UnaryExpressionAst { TokenKind: TokenKind.Not or TokenKind.Exclaim } u when Compile(u.Child) is { } c:
                return r => !c(r);
            case BinaryExpressionAst { Operator: TokenKind.And } a when Compile(a.Left) is { } l && Compile(a.Right) is { } r:
                return x => l(x) && r(x);
            case BinaryExpressionAst { Operator: TokenKind.Or } o when Compile(o.Left) is { } l2 && Compile(o.Right) is { } r2:
                return x => l2(x) || r2(x);
            case BinaryExpressionAst b when PropertyName(b.Left) is { } prop && Constant(b.Right) is { } value:
                return Comparison(prop, b.Operator, value);
            default:
                return null;
        }
    }

    /// <summary>$_.Name (or a bare word) on the left of a comparison.</summary>
    private static string? PropertyName(ExpressionAst e) => e switch
    {
        MemberExpressionAst { Expression: VariableExpressionAst { VariablePath.UserPath: "_" or "PSItem" }, Member: StringConstantExpressionAst m, Static: false } => m.Value,
        StringConstantExpressionAst { StringConstantType: StringConstantType.BareWord } s => s.Value,
        _ => null,
    };

    private static string? Constant(ExpressionAst e) => e switch
    {
        StringConstantExpressionAst s => s.Value,
        ConstantExpressionAst c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static Func<InventoryEntry, bool>? Comparison(string property, TokenKind op, string value)
    {
        string? Get(InventoryEntry r) => property.Equals("NodeId", StringComparison.OrdinalIgnoreCase) ? r.NodeId
            : r.Values.FirstOrDefault(kv => kv.Key.Equals(property, StringComparison.OrdinalIgnoreCase)).Value;
        int Order(InventoryEntry r, string? actual) => property.Equals("Version", StringComparison.OrdinalIgnoreCase)
            ? PackageVersionComparer.Compare(actual, value, Enum.TryParse<VersionScheme>(r.Scheme, out var s) ? s : VersionScheme.Windows)
            : long.TryParse(actual, out var a) && long.TryParse(value, out var b) ? a.CompareTo(b)
            : string.Compare(actual, value, StringComparison.OrdinalIgnoreCase);
        var wildcard = op is TokenKind.Ilike or TokenKind.Inotlike or TokenKind.Clike or TokenKind.Cnotlike
            ? WildcardPattern.Get(value, op is TokenKind.Clike or TokenKind.Cnotlike ? WildcardOptions.None : WildcardOptions.IgnoreCase) : null;
        return op switch
        {
            TokenKind.Ieq or TokenKind.Ceq => r => Get(r) is { } v && Order(r, v) == 0,
            TokenKind.Ine or TokenKind.Cne => r => Get(r) is not { } v || Order(r, v) != 0,
            TokenKind.Ilt or TokenKind.Clt => r => Get(r) is { } v && Order(r, v) < 0,
            TokenKind.Ile or TokenKind.Cle => r => Get(r) is { } v && Order(r, v) <= 0,
            TokenKind.Igt or TokenKind.Cgt => r => Get(r) is { } v && Order(r, v) > 0,
            TokenKind.Ige or TokenKind.Cge => r => Get(r) is { } v && Order(r, v) >= 0,
            TokenKind.Ilike or TokenKind.Clike => r => Get(r) is { } v && wildcard!.IsMatch(v),
            TokenKind.Inotlike or TokenKind.Cnotlike => r => Get(r) is not { } v || !wildcard!.IsMatch(v),
            TokenKind.Imatch => r => Get(r) is { } v && Regex.IsMatch(v, value, RegexOptions.IgnoreCase),
            _ => null,
        };
    }
}

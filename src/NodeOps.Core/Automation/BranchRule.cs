using System.Globalization;
using NodeOps.Core.Documents;

namespace NodeOps.Core.Automation;

/// <summary>aws:branch: the first choice whose condition holds names the next step; else Default (or the execution ends).</summary>
public sealed class BranchRule
{
    public IReadOnlyList<BranchChoice> Choices { get; init; } = Array.Empty<BranchChoice>();
    public string? Default { get; init; }

    /// <summary>The next step, given how each variable (a DocNode in the document) reads once interpolated.</summary>
    public string? Choose(Func<DocNode, object?> valueOf) =>
        Choices.FirstOrDefault(c => c.Condition.Holds(valueOf))?.NextStep ?? Default;
}

public sealed record BranchChoice(string NextStep, BranchCondition Condition);

/// <summary>A condition of an aws:branch choice: a comparison of a variable, or And/Or/Not of conditions.</summary>
public abstract record BranchCondition
{
    public abstract bool Holds(Func<DocNode, object?> valueOf);
}

public sealed record AllOf(IReadOnlyList<BranchCondition> Items) : BranchCondition
{
    public override bool Holds(Func<DocNode, object?> valueOf) => Items.All(i => i.Holds(valueOf));
}

public sealed record AnyOf(IReadOnlyList<BranchCondition> Items) : BranchCondition
{
    public override bool Holds(Func<DocNode, object?> valueOf) => Items.Any(i => i.Holds(valueOf));
}

public sealed record NotCondition(BranchCondition Inner) : BranchCondition
{
    public override bool Holds(Func<DocNode, object?> valueOf) => !Inner.Holds(valueOf);
}

/// <summary><c>Variable: "{{ step.Out }}"</c> with one operator such as <c>NumericGreater: 3</c>.</summary>
public sealed record Comparison(DocNode Variable, string Operator, DocNode Operand) : BranchCondition
{
    public static readonly string[] Operators =
    {
        "StringEquals", "EqualsIgnoreCase", "StartsWith", "EndsWith", "Contains", "NumericEquals", "NumericGreater",
        "NumericLesser", "NumericGreaterOrEquals", "NumericLesserOrEquals", "BooleanEquals",
    };

    public static bool IsNumeric(string op) => op.StartsWith("Numeric", StringComparison.Ordinal);

    public override bool Holds(Func<DocNode, object?> valueOf)
    {
        var left = valueOf(Variable);
        var right = ParameterValues.Text(valueOf(Operand));
        var text = ParameterValues.Text(left);
        return Operator switch
        {
            "StringEquals" => text == right,
            "EqualsIgnoreCase" => string.Equals(text, right, StringComparison.OrdinalIgnoreCase),
            "StartsWith" => text.StartsWith(right, StringComparison.Ordinal),
            "EndsWith" => text.EndsWith(right, StringComparison.Ordinal),
            // On a list, Contains asks whether the list holds the value; on a string, whether it is a substring.
            "Contains" => left is IEnumerable<string> list ? list.Contains(right) : text.Contains(right, StringComparison.Ordinal),
            "BooleanEquals" => bool.TryParse(text, out var b) && bool.TryParse(right, out var rb) && b == rb,
            _ => Number(text) is { } l && Number(right) is { } r && Operator switch
            {
                "NumericEquals" => l == r,
                "NumericGreater" => l > r,
                "NumericLesser" => l < r,
                "NumericGreaterOrEquals" => l >= r,
                "NumericLesserOrEquals" => l <= r,
                _ => false,
            },
        };
    }

    private static decimal? Number(string s) =>
        decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}

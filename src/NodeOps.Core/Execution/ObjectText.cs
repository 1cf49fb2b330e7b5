using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace NodeOps.Core.Execution;

/// <summary>
/// Renders objects a node returned as the text kept in the catalog: strings and scalars one per line,
/// other objects as "Name : Value" blocks (like Format-List), so stored output reads without the objects.
/// </summary>
public static class ObjectText
{
    public static string Render(IEnumerable<PSObject> objects)
    {
        var sb = new StringBuilder();
        foreach (var o in objects)
        {
            if (o?.BaseObject is null) continue;
            if (IsScalar(o.BaseObject))
            {
                sb.AppendLine(Scalar(o.BaseObject));
                continue;
            }
            var props = o.Properties.Where(p => p.IsGettable).ToList();
            if (props.Count == 0)
            {
                sb.AppendLine(o.ToString());
                continue;
            }
            if (sb.Length > 0 && !EndsWithBlankLine(sb)) sb.AppendLine();
            var width = props.Max(p => p.Name.Length);
            foreach (var p in props)
            {
                object? value;
                try { value = p.Value; } catch { value = null; }
                sb.Append(p.Name.PadRight(width)).Append(" : ").AppendLine(Value(value));
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    public static string RenderErrors(IEnumerable<ErrorRecord> errors)
    {
        var sb = new StringBuilder();
        foreach (var e in errors) sb.AppendLine(e.ToString());
        return sb.ToString();
    }

    private static bool EndsWithBlankLine(StringBuilder sb) =>
        sb.Length >= 2 * Environment.NewLine.Length && sb.ToString(sb.Length - 2 * Environment.NewLine.Length, 2 * Environment.NewLine.Length) == Environment.NewLine + Environment.NewLine;

    private static bool IsScalar(object o) => o is string or char or bool or DateTime or DateTimeOffset or Guid or TimeSpan || o.GetType().IsPrimitive || o is decimal || o.GetType().IsEnum;

    private static string Scalar(object o) => o switch
    {
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => o.ToString() ?? "",
    };

    private static string Value(object? value) => value switch
    {
        null => "",
        PSObject p when p.BaseObject is not PSCustomObject => Value(p.BaseObject),
        string s => s,
        IEnumerable e and not IDictionary => "{" + string.Join(", ", e.Cast<object?>().Select(x => x?.ToString())) + "}",
        _ => value.ToString() ?? "",
    };
}

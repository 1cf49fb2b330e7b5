using System.Collections;
using System.Globalization;
using System.Management.Automation;
using NodeOps.Core.Models;

namespace NodeOps.Core.FleetViews;

/// <summary>Turns a hashtable a node returned into a typed row (NodeId and NodeName filled in from the node).</summary>
public static class FleetViewRow
{
    public static T From<T>(PSObject answer, ManagedNode node) where T : new()
    {
        var row = new T();
        var values = answer.BaseObject as IDictionary ?? new Hashtable();
        foreach (var property in typeof(T).GetProperties())
        {
            object? value = property.Name switch
            {
                "NodeId" => node.NodeId,
                "NodeName" => node.Name,
                _ => values.Contains(property.Name) ? Plain(values[property.Name]) : null,
            };
            if (value is null || value is string { Length: 0 } && property.PropertyType != typeof(string)) continue;
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (target == typeof(DateTime) && value is string text)
                value = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            property.SetValue(row, LanguagePrimitives.ConvertTo(value, target, CultureInfo.InvariantCulture));
        }
        return row;
    }

    private static object? Plain(object? value) => value is PSObject ps ? ps.BaseObject : value;
}

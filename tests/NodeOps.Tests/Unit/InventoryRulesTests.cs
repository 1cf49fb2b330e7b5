using System.Collections;
using NodeOps.Core.Errors;
using NodeOps.Core.Inventory;
using NodeOps.Core.Models;
using Xunit;

namespace NodeOps.Tests.Unit;

/// <summary>Custom inventory limits, summaries and export formatting, without a catalog.</summary>
public class InventoryRulesTests
{
    [Theory]
    [InlineData("Custom:AppConfig", true)]
    [InlineData("Custom:app.config-v2_x", true)]
    [InlineData("AppConfig", false)]
    [InlineData("AWS:Application", false)]
    [InlineData("Custom:", false)]
    [InlineData("Custom:has space", false)]
    public void Custom_type_names_need_the_prefix_and_plain_characters(string name, bool valid)
    {
        var ex = Record.Exception(() => CustomInventory.ValidateTypeName(name));
        if (valid) Assert.Null(ex);
        else Assert.Equal(ErrorIds.InvalidInventoryTypeName, Assert.IsType<NodeOpsException>(ex).ErrorId);
    }

    [Fact]
    public void Rows_must_share_attributes_and_stay_within_limits()
    {
        var ok = CustomInventory.ReadRows("Custom:T", new object?[] { new Hashtable { ["Name"] = "a", ["Port"] = 80 }, new Hashtable { ["port"] = "1", ["name"] = "b" } });
        Assert.Equal("80", ok[0]["Port"]);

        string Fails(params object?[] rows) => Assert.IsType<NodeOpsException>(Record.Exception(() => CustomInventory.ReadRows("Custom:T", rows))).Message;
        Assert.Contains("row 2", Fails(new Hashtable { ["A"] = "1" }, new Hashtable { ["B"] = "2" }));
        Assert.Contains("hashtable", Fails("just text"));
        Assert.Contains("attribute name", Fails(new Hashtable { ["bad name"] = "1" }));
        Assert.Contains("at most 50", Fails(Enumerable.Range(0, 51).Aggregate(new Hashtable(), (h, i) => { h["A" + i] = "x"; return h; })));
        Assert.Contains("same Name 'a' as row 1", Fails(new Hashtable { ["Name"] = "a", ["V"] = "1" }, new Hashtable { ["Name"] = "a", ["V"] = "2" }));
        Assert.Contains("4096", Fails(new Hashtable { ["A"] = new string('x', 4097) }));
    }

    [Fact]
    public void Schema_difference_names_extra_and_missing_attributes()
    {
        Assert.Equal("", CustomInventory.Difference(new[] { "Name", "Port" }, new[] { "port", "NAME" }));
        Assert.Equal("not in the schema: Listen; missing: Port", CustomInventory.Difference(new[] { "Name", "Port" }, new[] { "Name", "Listen" }));
    }

    private static InventoryEntry Row(string node, params (string K, string V)[] values) =>
        new() { NodeId = node, TypeName = "AWS:Application", Values = values.ToDictionary(v => v.K, v => v.V) };

    [Fact]
    public void Summary_counts_distinct_nodes_per_value_most_first()
    {
        var rows = new[]
        {
            Row("mi-1", ("Name", "openssl"), ("Version", "3.0.2")), Row("mi-2", ("Name", "openssl"), ("Version", "3.0.2")),
            Row("mi-2", ("Name", "openssl"), ("Version", "3.0.2")), Row("mi-3", ("Name", "openssl"), ("Version", "1.1.1")),
        };
        var groups = InventorySummary.Group(rows, new[] { "name", "Version" }, "AWS:Application");
        Assert.Equal(2, groups.Count);
        Assert.Equal(new[] { "openssl", "3.0.2" }, groups[0].Values);
        Assert.Equal(2, groups[0].NodeCount);
        Assert.Equal(3, groups[0].RowCount);
        Assert.Equal(new[] { "mi-1", "mi-2" }, groups[0].NodeIds);
        Assert.Equal(1, groups[1].NodeCount);
        Assert.Equal(ErrorIds.InventoryPropertyNotFound,
            Assert.IsType<NodeOpsException>(Record.Exception(() => InventorySummary.Group(rows, new[] { "Nope" }, "AWS:Application"))).ErrorId);
        Assert.Empty(InventorySummary.Group(Array.Empty<InventoryEntry>(), new[] { "Nope" }, "AWS:Application"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_only_when_needed(string value, string expected) =>
        Assert.Equal(expected, InventoryExport.CsvField(value));

    [Fact]
    public void Export_columns_are_every_value_name_in_first_seen_order()
    {
        var columns = InventoryExport.Columns(new[] { Row("mi-1", ("Name", "a"), ("Version", "1")), Row("mi-2", ("Name", "b"), ("Publisher", "x"), ("NodeId", "spoof")) });
        Assert.Equal(new[] { "Name", "Version", "Publisher" }, columns);
        Assert.Equal(InventoryExportFormat.Json, InventoryExport.FormatFor("out/x.JSON"));
        Assert.Equal(InventoryExportFormat.Csv, InventoryExport.FormatFor("x.txt"));
    }
}

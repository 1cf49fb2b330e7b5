using System.Collections;
using NodeOps.Core.Documents;
using NodeOps.Core.Errors;
using Xunit;

namespace NodeOps.Tests.Unit;

public class DocumentParameterTests
{
    private const string Doc = """
        schemaVersion: '2.2'
        parameters:
          Name: { type: String, allowedPattern: '^[a-z]+$' }
          Color: { type: String, allowedValues: [red, green], default: red }
          Count: { type: Integer, default: 2 }
          Enabled: { type: Boolean, default: false }
          Packages: { type: StringList, minItems: 1, maxItems: 3, default: [curl] }
          Labels: { type: StringMap, default: { team: ops } }
          Mounts: { type: MapList, default: [ { path: /a }, { path: /b } ] }
        mainSteps:
          - action: aws:runShellScript
            name: a
            inputs: { runCommand: ['{{ Name }} {{ Color }} {{ Count }} {{ Enabled }} {{ Packages }} {{ Labels }} {{ Mounts }}'] }
        """;

    private static IReadOnlyList<DocumentParameter> Declared => DocumentReader.Read(Doc, "p.yaml").Parameters;

    private static Dictionary<string, object> Bind(IDictionary values) => ParameterBinder.Bind("p", Declared, values);

    private static string BindError(IDictionary values)
    {
        var ex = Assert.Throws<NodeOpsException>(() => Bind(values));
        Assert.Equal(ErrorIds.DocumentParameterInvalid, ex.ErrorId);
        return ex.Message;
    }

    [Fact]
    public void Defaults_fill_in_and_every_type_converts()
    {
        var v = Bind(new Hashtable { ["Name"] = "web", ["Count"] = "7", ["Enabled"] = "true", ["Packages"] = new object[] { "a", "b" },
            ["Labels"] = new Hashtable { ["k"] = "v" }, ["Mounts"] = new object[] { new Hashtable { ["path"] = "/c" } } });
        Assert.Equal("web", v["Name"]);
        Assert.Equal("red", v["Color"]);
        Assert.Equal(7L, v["Count"]);
        Assert.Equal(true, v["Enabled"]);
        Assert.Equal(new List<string> { "a", "b" }, v["Packages"]);
        Assert.Equal("v", ((Dictionary<string, object?>)v["Labels"])["k"]);
        Assert.Equal("/c", ((List<Dictionary<string, object?>>)v["Mounts"])[0]["path"]);
    }

    [Fact]
    public void A_single_string_is_a_one_item_StringList_and_key_case_is_forgiven()
    {
        var v = Bind(new Hashtable { ["name"] = "abc", ["PACKAGES"] = "vim" });
        Assert.Equal(new List<string> { "vim" }, v["Packages"]);
    }

    [Fact]
    public void Missing_required_parameter_is_refused() => Assert.Contains("'Name' is required", BindError(new Hashtable()));

    [Fact]
    public void Unknown_parameter_is_refused_and_the_known_ones_named() =>
        Assert.Contains("'Colour' is not a parameter of p (parameters: Name, Color", BindError(new Hashtable { ["Name"] = "a", ["Colour"] = "red" }));

    [Fact]
    public void Wrong_types_are_refused()
    {
        Assert.Contains("'Count' expects an Integer", BindError(new Hashtable { ["Name"] = "a", ["Count"] = "many" }));
        Assert.Contains("'Enabled' expects a Boolean", BindError(new Hashtable { ["Name"] = "a", ["Enabled"] = "yes" }));
        Assert.Contains("'Labels' expects a StringMap", BindError(new Hashtable { ["Name"] = "a", ["Labels"] = "x" }));
        Assert.Contains("'Mounts' expects a MapList", BindError(new Hashtable { ["Name"] = "a", ["Mounts"] = new object[] { "x" } }));
        Assert.Contains("'Name' expects a String", BindError(new Hashtable { ["Name"] = new object[] { "a", "b" } }));
    }

    [Fact]
    public void Constraints_are_enforced()
    {
        Assert.Contains("does not match the allowed pattern", BindError(new Hashtable { ["Name"] = "Web1" }));
        Assert.Contains("'blue' is not one of the allowed values: red, green", BindError(new Hashtable { ["Name"] = "a", ["Color"] = "blue" }));
        Assert.Contains("at least 1 required", BindError(new Hashtable { ["Name"] = "a", ["Packages"] = Array.Empty<object>() }));
        Assert.Contains("at most 3 allowed", BindError(new Hashtable { ["Name"] = "a", ["Packages"] = new[] { "1", "2", "3", "4" } }));
    }

    [Fact]
    public void Interpolation_keeps_types_for_whole_references_and_renders_text_otherwise()
    {
        var values = new Dictionary<string, object>
        {
            ["cmds"] = new List<string> { "echo 1", "echo 2" }, ["n"] = 3L, ["map"] = new Dictionary<string, object?> { ["a"] = "b" }, ["flag"] = true,
        };
        var i = new Interpolator("d", values);
        var tree = DocumentSyntax.Parse("run: '{{ cmds }}'\nlist: [first, '{{ cmds }}', last]\ntext: 'n={{ n }} all={{cmds}} m={{ map }} f={{ flag }}'\n", "t");
        var map = (DocMap)tree;
        Assert.Equal(new List<string> { "echo 1", "echo 2" }, i.Resolve(map["run"]));
        Assert.Equal(new List<object?> { "first", "echo 1", "echo 2", "last" }, i.Resolve(map["list"]));
        Assert.Equal("n=3 all=echo 1 echo 2 m={\"a\":\"b\"} f=true", i.Resolve(map["text"]));
    }

    [Fact]
    public void Parameter_store_references_give_a_clear_not_available_error()
    {
        var i = new Interpolator("d", new Dictionary<string, object>());
        var ex = Assert.Throws<NodeOpsException>(() => i.Resolve(new DocScalar { Value = "url={{ param:/app/url }}" }));
        Assert.Equal(ErrorIds.ParameterStoreNotAvailable, ex.ErrorId);
        Assert.Contains("no Parameter Store is available", ex.Message);
    }
}

using System.Collections;
using NodeOps.Core.Errors;
using NodeOps.Core.Models;
using NodeOps.Core.Targeting;
using Xunit;

namespace NodeOps.Tests.Unit;

public class TagTests
{
    private static ManagedNode Node(params (string k, string v)[] tags) =>
        new() { NodeId = "mi-1", Name = "n", Tags = tags.ToDictionary(t => t.k, t => t.v) };

    [Fact]
    public void Filter_matches_key_case_insensitively_and_value_with_wildcards()
    {
        var node = Node(("Env", "prod-eu"), ("Role", "web"));
        Assert.True(TagFilter.Parse("env=prod*").Matches(node));
        Assert.True(TagFilter.Parse("Role=web").Matches(node));
        Assert.False(TagFilter.Parse("Role=db").Matches(node));
        Assert.False(TagFilter.Parse("Team=*").Matches(node));
        Assert.True(TagFilter.Parse("Env=*").Matches(node));
    }

    [Fact]
    public void ParseMany_splits_commas_into_conditions_that_all_apply()
    {
        var filters = TagFilter.ParseMany(new[] { "Env=prod,Role=web", "Tier=1" });
        Assert.Equal(new[] { "Env=prod", "Role=web", "Tier=1" }, filters.Select(f => f.ToString()));
    }

    [Theory]
    [InlineData("Env")]
    [InlineData("=prod")]
    [InlineData(" =x")]
    public void Malformed_tag_condition_is_rejected(string text)
    {
        var ex = Assert.Throws<NodeOpsException>(() => TagFilter.Parse(text));
        Assert.Equal(ErrorIds.MalformedTag, ex.ErrorId);
    }

    [Fact]
    public void TagSet_reads_hashtables_and_csv_style_text()
    {
        var fromHash = TagSet.From(new Hashtable { ["Env"] = "prod", ["Role"] = "web" });
        var fromText = TagSet.From("Env=prod; Role=web");
        Assert.Equal(fromHash.OrderBy(k => k.Key), fromText.OrderBy(k => k.Key));
        Assert.Empty(TagSet.From(null));
        Assert.Equal(ErrorIds.MalformedTag, Assert.Throws<NodeOpsException>(() => TagSet.From("Env")).ErrorId);
        Assert.Equal(ErrorIds.MalformedTag, Assert.Throws<NodeOpsException>(() => TagSet.From(42)).ErrorId);
    }
}

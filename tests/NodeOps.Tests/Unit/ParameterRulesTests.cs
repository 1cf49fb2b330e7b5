using NodeOps.Core.Errors;
using NodeOps.Core.Parameters;
using Xunit;

namespace NodeOps.Tests.Unit;

public class ParameterRulesTests
{
    [Theory]
    [InlineData("db-host")]
    [InlineData("/app/prod/db/host")]
    [InlineData("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o")]
    [InlineData("release_1.2")]
    public void Valid_names_pass(string name) => ParameterRules.CheckName(name);

    [Theory]
    [InlineData("", "1 to 1011")]
    [InlineData("app/prod", "starts with /")]
    [InlineData("/app//prod", "no empty levels")]
    [InlineData("/app/prod/", "no empty levels")]
    [InlineData("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", "at most 15 levels")]
    [InlineData("/aws/reserved", "reserved")]
    [InlineData("SSMthing", "reserved")]
    [InlineData("bad name", "only letters")]
    public void Invalid_names_are_refused_with_the_rule(string name, string why)
    {
        var ex = Assert.Throws<NodeOpsException>(() => ParameterRules.CheckName(name));
        Assert.Equal(ErrorIds.InvalidParameterName, ex.ErrorId);
        Assert.Contains(why, ex.Message);
    }

    [Fact]
    public void Name_length_and_value_size_limits_are_SSMs()
    {
        ParameterRules.CheckName("/" + new string('a', 1010));
        Assert.Throws<NodeOpsException>(() => ParameterRules.CheckName("/" + new string('a', 1011)));
        ParameterRules.CheckValue("p", new string('v', 4096), null, isList: false);
        Assert.Equal(ErrorIds.InvalidParameterValue, Assert.Throws<NodeOpsException>(() => ParameterRules.CheckValue("p", new string('v', 4097), null, false)).ErrorId);
        Assert.Throws<NodeOpsException>(() => ParameterRules.CheckValue("p", "", null, false));
    }

    [Fact]
    public void AllowedPattern_applies_to_the_value_or_each_list_item()
    {
        ParameterRules.CheckValue("p", "10,20", "^[0-9]+$", isList: true);
        Assert.Throws<NodeOpsException>(() => ParameterRules.CheckValue("p", "10,x", "^[0-9]+$", isList: true));
        Assert.Throws<NodeOpsException>(() => ParameterRules.CheckValue("p", "10,20", "^[0-9]+$", isList: false));
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("release-1.2", true)]
    [InlineData("1st", false)]
    [InlineData("awsLabel", false)]
    [InlineData("has space", false)]
    public void Labels_follow_SSMs_rules(string label, bool ok)
    {
        if (ok) ParameterRules.CheckLabel(label);
        else Assert.Equal(ErrorIds.InvalidParameterLabel, Assert.Throws<NodeOpsException>(() => ParameterRules.CheckLabel(label)).ErrorId);
    }
}

using NodeOps.Core.Automation;
using Xunit;

namespace NodeOps.Tests.Unit;

public class RunbookValuesTests
{
    private static readonly Dictionary<string, object?> Result = new()
    {
        ["a"] = new Dictionary<string, object?> { ["b"] = 7L, ["flag"] = true },
        ["list"] = new List<object?> { "x", "y" },
        ["maps"] = new List<object?> { new Dictionary<string, object?> { ["k"] = "v" } },
        ["json"] = "{\"inner\": {\"n\": 2.0}}",
    };

    [Theory]
    [InlineData("$.a.b", RunbookOutputType.Integer, 7L)]
    [InlineData("$.a.b", RunbookOutputType.String, "7")]
    [InlineData("$.a.flag", RunbookOutputType.Boolean, true)]
    [InlineData("$.list[1]", RunbookOutputType.String, "y")]
    [InlineData("$.json.inner.n", RunbookOutputType.Integer, 2L)]
    [InlineData("$.A.B", RunbookOutputType.Integer, 7L)]
    public void Selectors_pick_and_type_values(string selector, RunbookOutputType type, object expected)
    {
        var (found, value) = OutputSelector.Select(Result, selector);
        Assert.True(found);
        var (typed, error) = OutputSelector.Convert(value, type);
        Assert.Null(error);
        Assert.Equal(expected, typed);
    }

    [Fact]
    public void Lists_and_maps_convert_to_their_types()
    {
        Assert.Equal(new List<string> { "x", "y" }, OutputSelector.Convert(OutputSelector.Select(Result, "$.list").Value, RunbookOutputType.StringList).Value);
        var map = (Dictionary<string, object?>)OutputSelector.Convert(OutputSelector.Select(Result, "$.a").Value, RunbookOutputType.StringMap).Value!;
        Assert.Equal(7L, map["b"] is long l ? l : long.Parse(map["b"]!.ToString()!));
        var maps = (List<Dictionary<string, object?>>)OutputSelector.Convert(OutputSelector.Select(Result, "$.maps").Value, RunbookOutputType.MapList).Value!;
        Assert.Equal("v", maps[0]["k"]);
    }

    [Fact]
    public void Missing_paths_and_wrong_types_are_reported()
    {
        Assert.False(OutputSelector.Select(Result, "$.a.c").Found);
        Assert.False(OutputSelector.Select(Result, "$.list[5]").Found);
        Assert.Contains("expects an Integer", OutputSelector.Convert("abc", RunbookOutputType.Integer).Error);
        Assert.False(OutputSelector.IsValid("$..a"));
        Assert.True(OutputSelector.IsValid("$"));
    }

    [Fact]
    public void Iso_durations_and_timestamps()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), WaitTimes.Duration("PT10S"));
        Assert.Equal(TimeSpan.FromHours(26), WaitTimes.Duration("P1DT2H"));
        Assert.Null(WaitTimes.Duration("10s"));
        Assert.Equal(new DateTime(2026, 7, 7, 15, 55, 0, DateTimeKind.Utc), WaitTimes.Timestamp("2026-07-07T15:55:00Z"));
        Assert.Null(WaitTimes.Timestamp("tomorrow"));
    }

    [Fact]
    public void Approvers_are_users_or_os_groups()
    {
        var user = Environment.UserName;
        Assert.True(ApproverIdentity.IsApprover(new[] { "someone", user }));
        Assert.False(ApproverIdentity.IsApprover(new[] { "someone-else" }));
        var groups = ApproverIdentity.GroupsOf(user);
        Assert.NotEmpty(groups);
        Assert.True(ApproverIdentity.IsApprover(new[] { "group:" + groups.First() }));
        Assert.False(ApproverIdentity.IsApprover(new[] { "group:no-such-group-here" }));
    }
}

using NodeOps.Core.Errors;
using NodeOps.Core.Execution;
using Xunit;

namespace NodeOps.Tests.Unit;

public class RateLimitTests
{
    [Theory]
    [InlineData("10", 100, 10)]
    [InlineData("50%", 7, 4)]
    [InlineData("1%", 3, 1)]
    [InlineData("100%", 20, 20)]
    public void Concurrency_counts_and_percentages_round_up(string text, int targets, int expected) =>
        Assert.Equal(expected, RateLimit.ParseConcurrency(text).ConcurrencyFor(targets));

    [Theory]
    [InlineData("0", 10, 0)]
    [InlineData("2", 10, 2)]
    [InlineData("25%", 10, 2)]
    [InlineData("0%", 10, 0)]
    public void Errors_counts_and_percentages_round_down(string text, int targets, int expected) =>
        Assert.Equal(expected, RateLimit.ParseErrors(text).ErrorsFor(targets));

    [Theory]
    [InlineData("0")]
    [InlineData("150%")]
    [InlineData("0%")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("")]
    public void Bad_concurrency_is_a_clear_error(string text)
    {
        var ex = Assert.Throws<NodeOpsException>(() => RateLimit.ParseConcurrency(text));
        Assert.Equal(ErrorIds.InvalidMaxConcurrency, ex.ErrorId);
        Assert.Equal(text, ex.TargetObject);
    }

    [Theory]
    [InlineData("101%")]
    [InlineData("-2")]
    public void Bad_error_limit_is_a_clear_error(string text) =>
        Assert.Equal(ErrorIds.InvalidMaxErrors, Assert.Throws<NodeOpsException>(() => RateLimit.ParseErrors(text)).ErrorId);
}

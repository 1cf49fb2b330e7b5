using NodeOps.Core.Errors;
using NodeOps.Core.Scheduling;
using Xunit;
using static NodeOps.Tests.Unit.ScheduleTimes;

namespace NodeOps.Tests.Unit;

/// <summary>SSM schedule expressions against a table of their next occurrences, daylight-saving transitions included.</summary>
public class ScheduleExpressionTests
{
    public static TheoryData<string, string?, int, string, string> Table => new()
    {
        // expression, zone, offset days, after (UTC), expected next occurrences (UTC)
        { "cron(30 23 ? * TUE#3 *)", null, 0, "2026-01-01T00:00Z", "2026-01-20T23:30Z 2026-02-17T23:30Z 2026-03-17T23:30Z" },
        { "cron(30 23 ? * TUE#3 *)", null, 2, "2026-01-01T00:00Z", "2026-01-22T23:30Z 2026-02-19T23:30Z" },
        { "cron(0 0 L * ? 2027)", null, 0, "2026-01-01T00:00Z", "2027-01-31T00:00Z 2027-02-28T00:00Z" },
        { "cron(15 10 ? * 6L 2026-2027)", null, 0, "2026-01-01T00:00Z", "2026-01-30T10:15Z 2026-02-27T10:15Z" },
        { "cron(0 9 15W * ? *)", null, 0, "2026-08-01T00:00Z", "2026-08-14T09:00Z 2026-09-15T09:00Z" },
        { "cron(0 12 ? * MON-FRI *)", null, 0, "2026-01-02T13:00Z", "2026-01-05T12:00Z 2026-01-06T12:00Z" },
        { "cron(0 12 ? * 2-6 *)", null, 0, "2026-01-02T13:00Z", "2026-01-05T12:00Z 2026-01-06T12:00Z" },
        { "cron(0 12 ? * 1,7 *)", null, 0, "2026-01-01T00:00Z", "2026-01-03T12:00Z 2026-01-04T12:00Z 2026-01-10T12:00Z" },
        { "cron(0/15 * * * ? *)", null, 0, "2026-01-01T00:07Z", "2026-01-01T00:15Z 2026-01-01T00:30Z" },
        { "cron(0 2 ? * SUN 2026)", null, 0, "2026-12-25T00:00Z", "2026-12-27T02:00Z" },
        { "0 2 * * 0", null, 0, "2026-01-01T00:00Z", "2026-01-04T02:00Z 2026-01-11T02:00Z" },
        { "0 2 * * 7", null, 0, "2026-01-01T00:00Z", "2026-01-04T02:00Z" },
        { "rate(2 hours)", null, 0, "2026-01-01T03:00Z", "2026-01-01T04:00Z 2026-01-01T06:00Z" },
        { "rate(1 day)", null, 0, "2026-01-01T00:00Z", "2026-01-02T00:00Z 2026-01-03T00:00Z" },
        { "rate(30 minutes)", null, 0, "2025-12-31T00:00Z", "2026-01-01T00:30Z" },
        { "at(2026-12-01T02:00:00)", "Europe/Berlin", 0, "2026-01-01T00:00Z", "2026-12-01T01:00Z" },
        { "at(2026-12-01T02:00:00)", "Europe/Berlin", 0, "2026-12-01T01:00Z", "" },
        // Spring forward in Berlin (2026-03-29 02:00 CET -> 03:00 CEST): a run in the gap moves to 03:00, none lost.
        { "cron(0 2 ? * SUN *)", "Europe/Berlin", 0, "2026-03-20T00:00Z", "2026-03-22T01:00Z 2026-03-29T01:00Z 2026-04-05T00:00Z" },
        { "cron(30 2 * * ? *)", "Europe/Berlin", 0, "2026-03-27T12:00Z", "2026-03-28T01:30Z 2026-03-29T01:00Z 2026-03-30T00:30Z" },
        { "cron(0 * * * ? *)", "Europe/Berlin", 0, "2026-03-28T23:30Z", "2026-03-29T00:00Z 2026-03-29T01:00Z 2026-03-29T02:00Z" },
        // Fall back (2026-10-25 03:00 CEST -> 02:00 CET): a daily run in the repeated hour runs once, an hourly one every real hour.
        { "cron(30 2 * * ? *)", "Europe/Berlin", 0, "2026-10-24T12:00Z", "2026-10-25T00:30Z 2026-10-26T01:30Z" },
        { "cron(0 * * * ? *)", "Europe/Berlin", 0, "2026-10-24T23:30Z", "2026-10-25T00:00Z 2026-10-25T01:00Z 2026-10-25T02:00Z" },
        // New York springs forward on 2026-03-08.
        { "cron(0 2 ? * SUN *)", "America/New_York", 0, "2026-03-01T00:00Z", "2026-03-01T07:00Z 2026-03-08T07:00Z 2026-03-15T06:00Z" },
        { "cron(0 2 ? * SUN *)", "America/New_York", 0, "2026-10-31T00:00Z", "2026-11-01T07:00Z 2026-11-08T07:00Z" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Next_occurrences_match_the_table(string expression, string? zone, int offset, string after, string expected)
    {
        var schedule = ScheduleExpression.Parse(expression, zone, offset);
        var want = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Utc).ToList();
        var start = Utc(after);
        // Rate schedules count from their anchor (here midnight on 2026-01-01).
        var got = schedule.Occurrences(start, Utc("2026-01-01T00:00Z"), want.Count + 1);
        Assert.Equal(want, got.Take(want.Count).ToList());
        Assert.All(got, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    [Fact]
    public void A_day_of_hourly_runs_across_both_transitions_is_never_short_or_doubled()
    {
        var hourly = ScheduleExpression.Parse("cron(0 * * * ? *)", "Europe/Berlin");
        foreach (var day in new[] { "2026-03-28T22:00Z", "2026-10-24T22:00Z" })
        {
            var runs = hourly.Occurrences(Utc(day), Utc(day), 30);
            Assert.Equal(runs.Count, runs.Distinct().Count());
            Assert.All(runs.Zip(runs.Skip(1)), p => Assert.Equal(TimeSpan.FromHours(1), p.Second - p.First));
        }
        var daily = ScheduleExpression.Parse("cron(30 2 * * ? *)", "Europe/Berlin");
        // One run per local day through both transitions: 14 days -> 14 runs.
        Assert.Equal(14, daily.Between(Utc("2026-03-22T12:00Z"), Utc("2026-04-05T12:00Z"), Utc("2026-01-01T00:00Z")).Count);
        Assert.Equal(14, daily.Between(Utc("2026-10-18T12:00Z"), Utc("2026-11-01T12:00Z"), Utc("2026-01-01T00:00Z")).Count);
    }

    [Fact]
    public void Schedules_that_end_have_no_more_occurrences()
    {
        Assert.Single(ScheduleExpression.Parse("cron(0 2 ? * SUN 2026)").Occurrences(Utc("2026-12-25T00:00Z"), default, 5));
        Assert.Single(ScheduleExpression.Parse("at(2026-12-01T02:00:00)", "Europe/Berlin").Occurrences(Utc("2026-01-01T00:00Z"), default, 5));
        Assert.Empty(ScheduleExpression.Parse("cron(0 2 ? * SUN 2020-2025)").Occurrences(Utc("2026-01-01T00:00Z"), default, 5));
        // A rate runs out at the end of the calendar instead of overflowing it.
        var lastDay = Utc("9999-12-30T00:00Z");
        Assert.Equal(new[] { Utc("9999-12-31T00:00Z") }, ScheduleExpression.Parse("rate(1 day)").Occurrences(lastDay, lastDay, 5));
        Assert.Null(ScheduleExpression.Parse("rate(1 day)").Next(DateTime.MaxValue, lastDay));
    }

    [Theory]
    [InlineData("cron(0 2 * * SUN *)")]       // both day fields
    [InlineData("cron(0 2 ? * ? *)")]
    [InlineData("cron(0 2 ? * 8 *)")]         // SSM days are 1-7
    [InlineData("cron(0 2 ? * 0 *)")]
    [InlineData("cron(0 2 ? * SUN 1969)")]
    [InlineData("cron(0 2 ? * SUN * *)")]
    [InlineData("cron(61 2 ? * SUN *)")]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(5 weeks)")]
    [InlineData("rate(five minutes)")]
    [InlineData("at(2026-13-01T00:00:00)")]
    [InlineData("at(2026-12-01 02:00)")]
    [InlineData("every sunday")]
    [InlineData("")]
    public void Bad_expressions_are_InvalidSchedule(string expression)
    {
        var ex = Assert.Throws<NodeOpsException>(() => ScheduleExpression.Parse(expression));
        Assert.Equal(ErrorIds.InvalidSchedule, ex.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, ex.Category);
    }

    [Fact]
    public void Unknown_zone_and_offset_outside_cron_are_refused()
    {
        Assert.Equal(ErrorIds.InvalidTimeZone, Assert.Throws<NodeOpsException>(() => ScheduleExpression.Parse("rate(1 hour)", "Mars/Olympus_Mons")).ErrorId);
        Assert.Equal(ErrorIds.InvalidSchedule, Assert.Throws<NodeOpsException>(() => ScheduleExpression.Parse("rate(1 hour)", null, 2)).ErrorId);
        Assert.Equal(ErrorIds.InvalidSchedule, Assert.Throws<NodeOpsException>(() => ScheduleExpression.Parse("cron(0 2 ? * SUN *)", null, 7)).ErrorId);
    }

    [Theory]
    [InlineData("1", "0")]
    [InlineData("SUN-SAT", "SUN-SAT")]
    [InlineData("2-6", "1-5")]
    [InlineData("3#2", "2#2")]
    [InlineData("6L", "5L")]
    [InlineData("1,3,7", "0,2,6")]
    [InlineData("2-7/2", "1-6/2")]
    [InlineData("?", "?")]
    public void Ssm_days_of_week_are_renumbered_for_cronos(string ssm, string cronos) =>
        Assert.Equal(cronos, SsmCron.RenumberDaysOfWeek(ssm));
}

using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Policies;

namespace VolumeBackup.UnitTests.Domain.Policies;

public sealed class PolicyRulesTests
{
    private static BackupPolicy Valid() => new() { TenantId = "t", IntervalSeconds = 3600, KeepDaily = 7 };

    private static string Refusal(BackupPolicy policy, long min = PolicyRules.MinIntervalSeconds) =>
        Assert.Throws<FaultException>(() => PolicyRules.Validate(policy, min)).Fault.Message;

    [Fact]
    public void A_valid_policy_passes()
    {
        PolicyRules.Validate(Valid());
        var cron = Valid();
        cron.IntervalSeconds = null;
        cron.Cron = "0 2 * * 1-5";
        cron.TimeZone = "Europe/Paris";
        PolicyRules.Validate(cron);
    }

    [Fact]
    public void Both_or_neither_schedule_is_refused()
    {
        var both = Valid();
        both.Cron = "0 2 * * *";
        var neither = Valid();
        neither.IntervalSeconds = null;

        Assert.Equal("Incorrect request body format. 'schedule' must have exactly one of interval_seconds or cron.", Refusal(both));
        Assert.Equal(Refusal(both), Refusal(neither));
    }

    [Fact]
    public void An_interval_under_the_minimum_is_refused_naming_the_minimum()
    {
        var policy = Valid();
        policy.IntervalSeconds = 59;

        Assert.Equal("Incorrect request body format. 'schedule.interval_seconds' must be at least 60.", Refusal(policy));
        PolicyRules.Validate(policy, minIntervalSeconds: 2); // a test's lower bound
    }

    [Theory]
    [InlineData("0 2 * *", "schedule.cron")]
    [InlineData("61 2 * * *", "schedule.cron")]
    public void A_bad_cron_is_refused(string cron, string field)
    {
        var policy = Valid();
        policy.IntervalSeconds = null;
        policy.Cron = cron;

        Assert.Contains($"'{field}'", Refusal(policy), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var policy = Valid();
        policy.TimeZone = "Mars/Olympus";

        Assert.Contains("'schedule.time_zone'", Refusal(policy), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_count_is_refused_naming_it()
    {
        var policy = Valid();
        policy.KeepMonthly = -1;

        Assert.Equal("Incorrect request body format. 'retention.keep_monthly' must be 0 or more.", Refusal(policy));
    }
}

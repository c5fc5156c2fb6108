using Cronos;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Domain.Policies;

/// <summary>
/// The rules a policy must follow, checked before anything is stored: exactly one of an interval (at least the minimum,
/// 60 s unless a test lowers it) or a five-field cron expression; a time zone this machine knows; retention counts of 0 or
/// more. Each refusal is a 400 naming the field as the request body spells it.
/// </summary>
public static class PolicyRules
{
    public const int MinIntervalSeconds = 60;

    public static void Validate(BackupPolicy policy, long minIntervalSeconds = MinIntervalSeconds)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if ((policy.IntervalSeconds is null) == (policy.Cron is null))
        {
            throw Invalid("schedule", "must have exactly one of interval_seconds or cron");
        }

        if (policy.IntervalSeconds is { } seconds && seconds < minIntervalSeconds)
        {
            throw Invalid("schedule.interval_seconds", $"must be at least {minIntervalSeconds}");
        }

        if (policy.Cron is { } cron && !CronExpression.TryParse(cron, CronFormat.Standard, out _))
        {
            throw Invalid("schedule.cron", "must be a five-field cron expression");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(policy.TimeZone, out _))
        {
            throw Invalid("schedule.time_zone", "must be a known time zone (such as UTC or Europe/Paris)");
        }

        Count("retention.keep_last", policy.KeepLast);
        Count("retention.keep_hourly", policy.KeepHourly);
        Count("retention.keep_daily", policy.KeepDaily);
        Count("retention.keep_weekly", policy.KeepWeekly);
        Count("retention.keep_monthly", policy.KeepMonthly);
        Count("retention.keep_yearly", policy.KeepYearly);
    }

    private static void Count(string field, int value)
    {
        if (value < 0)
        {
            throw Invalid(field, "must be 0 or more");
        }
    }

    private static FaultException Invalid(string field, string expectation) =>
        new(Fault.BadRequest(FaultMessages.InvalidField(field, expectation)));
}

using Cronos;

namespace VolumeBackup.Domain.Policies;

/// <summary>
/// A policy's due times. An interval counts from the previous due time, not from when a run happened, so runs do not
/// drift by the scheduler's delay; a cron expression is read in the policy's time zone (Cronos handles the hour a
/// daylight-saving change skips or repeats: a skipped time runs at the change, a repeated one once). After downtime the
/// next due time is the first one after now: the missed slots become one run, not one run each.
/// </summary>
public static class PolicySchedule
{
    /// <summary>The first due time of a new (or re-scheduled) policy: one interval from now, or the next cron time.</summary>
    public static DateTimeOffset FirstDue(BackupPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.IntervalSeconds is { } seconds ? WholeSeconds(now).AddSeconds(seconds) : NextCron(policy, now);
    }

    /// <summary>The due time after <paramref name="due"/> (the one that just ran) that is later than <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDue(BackupPolicy policy, DateTimeOffset due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.IntervalSeconds is not { } seconds)
        {
            return NextCron(policy, due > now ? due : now);
        }

        var interval = TimeSpan.FromSeconds(seconds);
        var next = due + interval;
        if (next <= now)
        {
            // Missed slots (downtime): skip to the first one after now, on the same grid.
            var behind = (now - due).Ticks / interval.Ticks;
            next = due + (interval * (behind + 1));
        }

        return next;
    }

    /// <summary>The policy's time zone; the rules made sure it exists.</summary>
    public static TimeZoneInfo Zone(BackupPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone);
    }

    private static DateTimeOffset NextCron(BackupPolicy policy, DateTimeOffset after)
    {
        var expression = CronExpression.Parse(policy.Cron!, CronFormat.Standard);
        return expression.GetNextOccurrence(after, Zone(policy))
            ?? throw new InvalidOperationException($"The cron expression '{policy.Cron}' has no next time.");
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}

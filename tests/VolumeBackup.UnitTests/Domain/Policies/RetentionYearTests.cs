using Microsoft.Extensions.Time.Testing;
using VolumeBackup.Domain.Policies;

namespace VolumeBackup.UnitTests.Domain.Policies;

/// <summary>
/// A year of hourly backups under one policy, pruned after each run as the scheduler does, on a fake clock. The set left
/// at the end is checked against one computed here from the calendar alone (the last backup of each day, ISO week and
/// month), not by grouping as the retention code does.
/// </summary>
public sealed class RetentionYearTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 5, 30, 0, TimeSpan.Zero);
    private static readonly RetentionRules Rules = new(Last: 3, Hourly: 0, Daily: 7, Weekly: 4, Monthly: 12, Yearly: 0);

    // Every 97th backup fails: failed ones are never counted, and the policy prunes them.
    private static bool Fails(long id) => id % 97 == 0;

    [Fact]
    public void A_year_of_hourly_backups_keeps_exactly_the_last_three_and_the_newest_of_7_days_4_weeks_12_months()
    {
        var clock = new FakeTimeProvider(Start);
        var kept = new List<RetentionCandidate>();
        var made = new Dictionary<long, DateTimeOffset>();
        const int hours = 365 * 24;
        for (long id = 1; id <= hours; id++)
        {
            var now = clock.GetUtcNow();
            made[id] = now;
            kept.Add(new RetentionCandidate(id, now, Available: !Fails(id)));
            var pruned = Retention.Prune(kept, Rules, TimeZoneInfo.Utc).ToHashSet();
            kept.RemoveAll(b => pruned.Contains(b.Id));
            clock.Advance(TimeSpan.FromHours(1));
        }

        var expected = Expected(made);
        Assert.Equal(expected.Order(), kept.Select(b => b.Id).Order());
        Assert.InRange(expected.Count, 12, 3 + 7 + 4 + 12); // overlaps shrink the union
        Assert.DoesNotContain(kept, b => !b.Available);
    }

    [Fact]
    public void Rules_of_zero_keep_everything_even_failed_backups()
    {
        List<RetentionCandidate> all = [new(1, Start, true), new(2, Start.AddHours(1), false)];

        Assert.Empty(Retention.Prune(all, new RetentionRules(0, 0, 0, 0, 0, 0), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_newer_failed_backup_neither_counts_nor_stays()
    {
        List<RetentionCandidate> all = [new(1, Start, true), new(2, Start.AddHours(1), true), new(3, Start.AddHours(2), false)];

        Assert.Equal([1L, 3L], Retention.Prune(all, new RetentionRules(1, 0, 0, 0, 0, 0), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Days_are_the_policy_time_zones_days()
    {
        // 22:30 and 23:30 UTC on one UTC day are 00:30 and 01:30 of the next day in Tokyo... one Tokyo day, one kept.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        List<RetentionCandidate> all =
        [
            new(1, new DateTimeOffset(2025, 6, 1, 14, 30, 0, TimeSpan.Zero), true), // 23:30 Tokyo, June 1
            new(2, new DateTimeOffset(2025, 6, 1, 15, 30, 0, TimeSpan.Zero), true), // 00:30 Tokyo, June 2
            new(3, new DateTimeOffset(2025, 6, 1, 16, 30, 0, TimeSpan.Zero), true), // 01:30 Tokyo, June 2
        ];

        Assert.Equal([2L], Retention.Prune(all, new RetentionRules(0, 0, 2, 0, 0, 0), zone));
        Assert.Equal([1L, 2L], Retention.Prune(all, new RetentionRules(0, 0, 2, 0, 0, 0), TimeZoneInfo.Utc)); // one UTC day
    }

    // The calendar's answer: the newest successful backup at or before each period's last hour.
    private static HashSet<long> Expected(Dictionary<long, DateTimeOffset> made)
    {
        var byTime = made.Where(m => !Fails(m.Key)).ToDictionary(m => m.Value, m => m.Key);
        var end = made.Values.Max();
        long NewestAtOrBefore(DateTimeOffset t)
        {
            var limit = t > end ? end : t;
            var at = new DateTimeOffset(limit.Year, limit.Month, limit.Day, limit.Hour, 30, 0, TimeSpan.Zero); // backups are made at :30
            if (at > limit)
            {
                at = at.AddHours(-1);
            }

            while (!byTime.ContainsKey(at))
            {
                at = at.AddHours(-1);
            }

            return byTime[at];
        }

        var expected = new HashSet<long>();
        // keep-last 3: the three newest successful backups.
        expected.UnionWith(byTime.OrderByDescending(b => b.Key).Take(3).Select(b => b.Value));

        // keep-daily 7: the last moment of each of the last 7 days.
        var lastDay = new DateTimeOffset(end.Year, end.Month, end.Day, 0, 0, 0, TimeSpan.Zero);
        for (var d = 0; d < 7; d++)
        {
            expected.Add(NewestAtOrBefore(lastDay.AddDays(-d).AddDays(1).AddTicks(-1)));
        }

        // keep-weekly 4: ISO weeks end on Sunday night.
        var daysToSunday = ((int)DayOfWeek.Sunday - (int)lastDay.DayOfWeek + 7) % 7;
        var weekEnd = lastDay.AddDays(daysToSunday + 1).AddTicks(-1);
        for (var w = 0; w < 4; w++)
        {
            expected.Add(NewestAtOrBefore(weekEnd.AddDays(-7 * w)));
        }

        // keep-monthly 12: the last moment of each of the last 12 months.
        var monthStart = new DateTimeOffset(end.Year, end.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var m = 0; m < 12; m++)
        {
            expected.Add(NewestAtOrBefore(monthStart.AddMonths(1 - m).AddTicks(-1)));
        }

        return expected;
    }
}

using VolumeBackup.Domain.Policies;

namespace VolumeBackup.UnitTests.Domain.Policies;

public sealed class PolicyScheduleTests
{
    private static BackupPolicy Every(long seconds) => new() { TenantId = "t", IntervalSeconds = seconds };

    private static BackupPolicy Cron(string cron, string zone) => new() { TenantId = "t", Cron = cron, TimeZone = zone };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void An_interval_counts_from_the_due_time_not_from_when_the_run_happened()
    {
        var due = Utc(1, 1, 6);

        // The scheduler saw it 4.5 s late: the next one is still on the grid.
        Assert.Equal(Utc(1, 1, 12), PolicySchedule.NextDue(Every(6 * 3600), due, due.AddSeconds(4.5)));
    }

    [Fact]
    public void After_downtime_the_missed_slots_become_one_run_and_the_grid_holds()
    {
        var due = Utc(1, 1, 6);

        // Down from 06:00 to 20:10: the 12:00 and 18:00 slots are not run one by one; next is 00:00.
        Assert.Equal(Utc(1, 2, 0), PolicySchedule.NextDue(Every(6 * 3600), due, Utc(1, 1, 20, 10)));
        // Exactly on a slot: that slot is now, so the next is the one after.
        Assert.Equal(Utc(1, 2, 0), PolicySchedule.NextDue(Every(6 * 3600), due, Utc(1, 1, 18)));
    }

    [Fact]
    public void A_new_interval_policy_first_runs_one_interval_from_now_in_whole_seconds() =>
        Assert.Equal(Utc(1, 1, 7, 0, 1), PolicySchedule.FirstDue(Every(3600), Utc(1, 1, 6, 0, 1).AddMilliseconds(700)));

    [Fact]
    public void Cron_times_are_read_in_the_policy_time_zone()
    {
        // 02:00 in Paris in winter (UTC+1) is 01:00 UTC.
        Assert.Equal(Utc(1, 16, 1), PolicySchedule.FirstDue(Cron("0 2 * * *", "Europe/Paris"), Utc(1, 15, 1)));
        Assert.Equal(Utc(1, 16, 2), PolicySchedule.FirstDue(Cron("0 2 * * *", "UTC"), Utc(1, 15, 2)));
    }

    [Fact]
    public void Cron_across_the_spring_change_runs_at_the_change_when_its_hour_is_skipped()
    {
        var policy = Cron("30 2 * * *", "Europe/Paris");
        // 2026-03-29: Paris goes from 02:00 CET to 03:00 CEST, so 02:30 does not exist that night.
        var before = PolicySchedule.NextDue(policy, Utc(3, 27, 1, 30), Utc(3, 27, 1, 30));
        var skipped = PolicySchedule.NextDue(policy, before, before);
        var after = PolicySchedule.NextDue(policy, skipped, skipped);

        Assert.Equal(Utc(3, 28, 1, 30), before); // 02:30 CET
        Assert.Equal(Utc(3, 29, 1), skipped); // 03:00 CEST, the first moment after the gap
        Assert.Equal(Utc(3, 30, 0, 30), after); // 02:30 CEST
    }

    [Fact]
    public void Cron_across_the_autumn_change_runs_a_repeated_hour_once()
    {
        var policy = Cron("30 2 * * *", "Europe/Paris");
        // 2026-10-25: 02:00-03:00 happens twice in Paris (CEST then CET).
        var first = PolicySchedule.NextDue(policy, Utc(10, 24, 0, 30), Utc(10, 24, 0, 30));
        var next = PolicySchedule.NextDue(policy, first, first);

        Assert.Equal(Utc(10, 25, 0, 30), first); // 02:30 CEST
        Assert.Equal(Utc(10, 26, 1, 30), next); // not 02:30 CET the same night: 02:30 CET next day
    }

    [Fact]
    public void Cron_after_downtime_runs_once_then_keeps_its_times()
    {
        var policy = Cron("0 * * * *", "UTC");

        Assert.Equal(Utc(1, 1, 11), PolicySchedule.NextDue(policy, Utc(1, 1, 2), Utc(1, 1, 10, 20)));
    }
}

using System.Globalization;

namespace VolumeBackup.Domain.Policies;

/// <summary>
/// Which of a policy's backups to prune: a pure function of the backups, the rules and the time zone whose hours, days,
/// weeks and months count. Only <c>available</c> backups are counted and kept; every other one a policy made (an
/// <c>error</c> one: the caller prunes only what the delete path accepts) is pruned unless all rules are zero.
/// </summary>
public static class Retention
{
    /// <summary>The ids to keep (the union of every rule's choice).</summary>
    public static IReadOnlySet<long> Keep(IEnumerable<RetentionCandidate> backups, RetentionRules rules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(backups);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(zone);
        var all = backups.ToList();
        if (rules.KeepsAll)
        {
            return all.Select(b => b.Id).ToHashSet();
        }

        // Newest first; the id breaks ties so the choice never depends on the input's order.
        var usable = all.Where(b => b.Available).OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).ToList();
        var keep = new HashSet<long>(usable.Take(rules.Last).Select(b => b.Id));
        KeepNewestPerPeriod(usable, rules.Hourly, t => (t.Year, t.Month, t.Day, t.Hour), zone, keep);
        KeepNewestPerPeriod(usable, rules.Daily, t => (t.Year, t.Month, t.Day, 0), zone, keep);
        KeepNewestPerPeriod(usable, rules.Weekly, t => (ISOWeek.GetYear(t), ISOWeek.GetWeekOfYear(t), 0, 0), zone, keep);
        KeepNewestPerPeriod(usable, rules.Monthly, t => (t.Year, t.Month, 0, 0), zone, keep);
        KeepNewestPerPeriod(usable, rules.Yearly, t => (t.Year, 0, 0, 0), zone, keep);
        return keep;
    }

    /// <summary>The ids to prune: every backup not kept, oldest first.</summary>
    public static IReadOnlyList<long> Prune(IEnumerable<RetentionCandidate> backups, RetentionRules rules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(backups);
        var all = backups.ToList();
        var keep = Keep(all, rules, zone);
        return [.. all.Where(b => !keep.Contains(b.Id)).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Select(b => b.Id)];
    }

    // newestFirst is sorted: the first backup met in a period is its newest; a period counts once it has one.
    private static void KeepNewestPerPeriod(
        List<RetentionCandidate> newestFirst, int count, Func<DateTime, (int, int, int, int)> period, TimeZoneInfo zone, HashSet<long> keep)
    {
        (int, int, int, int)? last = null;
        var kept = 0;
        foreach (var backup in newestFirst)
        {
            if (kept >= count)
            {
                return;
            }

            var local = TimeZoneInfo.ConvertTime(backup.CreatedAt, zone).DateTime;
            var key = period(local);
            if (key == last)
            {
                continue;
            }

            last = key;
            keep.Add(backup.Id);
            kept++;
        }
    }
}

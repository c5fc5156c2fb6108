namespace VolumeBackup.Domain.Policies;

/// <summary>
/// How many of a policy's backups to keep, as restic's <c>forget</c> counts them: the <see cref="Last"/> newest, and the
/// newest of each of the n most recent hours, days, ISO weeks, months and years that have one. All zero keeps all.
/// </summary>
public sealed record RetentionRules(int Last, int Hourly, int Daily, int Weekly, int Monthly, int Yearly)
{
    /// <summary>True when no rule is set: nothing is ever pruned.</summary>
    public bool KeepsAll => Last == 0 && Hourly == 0 && Daily == 0 && Weekly == 0 && Monthly == 0 && Yearly == 0;

    public static RetentionRules Of(BackupPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.KeepLast, policy.KeepHourly, policy.KeepDaily, policy.KeepWeekly, policy.KeepMonthly, policy.KeepYearly);
    }
}

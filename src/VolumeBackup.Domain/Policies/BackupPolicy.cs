namespace VolumeBackup.Domain.Policies;

/// <summary>
/// A volume's schedule: when to back it up (every <see cref="IntervalSeconds"/>, or at the times of <see cref="Cron"/>
/// in <see cref="TimeZone"/>) and which of the backups it made to keep (restic's <c>forget</c> counts). The workers run
/// each due time exactly once across nodes: the one whose guarded update moves <see cref="NextRunAt"/> on starts it.
/// </summary>
public sealed class BackupPolicy
{
    public long Id { get; set; }

    /// <summary>The id the Cinder surface shows; the HP surface shows <see cref="Id"/>.</summary>
    public Guid Uuid { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The user who made the policy; its backups are made in their name.</summary>
    public string? UserId { get; set; }

    public long VolumeId { get; set; }

    public string? Name { get; set; }

    /// <summary>The container its backups go to; null = the service's default container.</summary>
    public string? Container { get; set; }

    /// <summary>Back up every this many seconds; null when <see cref="Cron"/> is set (exactly one of the two is).</summary>
    public long? IntervalSeconds { get; set; }

    /// <summary>A five-field cron expression; null when <see cref="IntervalSeconds"/> is set.</summary>
    public string? Cron { get; set; }

    /// <summary>The IANA time zone <see cref="Cron"/> is read in (UTC by default).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Back up an in-use volume from a snapshot (the backup's force flag).</summary>
    public bool Force { get; set; }

    public int KeepLast { get; set; }

    public int KeepHourly { get; set; }

    public int KeepDaily { get; set; }

    public int KeepWeekly { get; set; }

    public int KeepMonthly { get; set; }

    public int KeepYearly { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The next due time; the scheduler runs a policy when this has passed.</summary>
    public DateTimeOffset NextRunAt { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>The backup the last run started, if it started one.</summary>
    public long? LastBackupId { get; set; }

    /// <summary>What the last run did, in a sentence ("started backup 12", "skipped: the volume is in use", ...).</summary>
    public string? LastResult { get; set; }

    /// <summary>The Keystone trust its jobs reach the tenant's own object-store account with (user-mode Swift with Keystone).</summary>
    public string? TrustId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

namespace VolumeBackup.Server.Hosting;

/// <summary>Section <c>VolumeBackup:Backups</c>: the backup API and its workers (docs/backups-api.md explains each key).</summary>
internal sealed class BackupOptions
{
    public const string SectionName = "VolumeBackup:Backups";

    /// <summary>The container used when a create request names none; <c>volumebackups</c> is Cinder's default too.</summary>
    public string DefaultContainer { get; set; } = "volumebackups";

    /// <summary>Jobs this node runs at once. Two: one long backup does not hold up a restore; more would fight for the disk.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>
    /// How long a claimed job stays a worker's without a heartbeat. 60 s: far above a heartbeat interval plus a slow
    /// database commit, and still short enough that a crashed worker's job moves on within a minute.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running job renews its lease: a third of the lease, so two heartbeats may fail before it is lost.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a running job writes its progress to the backup row (the <c>progress</c> field of show/detail).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle worker looks for jobs another node queued (jobs queued on this node wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often expired leases are looked for and given-up jobs cleaned up: a quarter of the lease.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Claims per job before it is given up (its backup set to error): a crash and a retry, then a third chance.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long a running backup or restore waits out an object store outage (the store unreachable or overloaded after its
    /// own retries) before it fails: meanwhile it starts over every few seconds (backoff 2 s doubling to 30 s), a backup
    /// keeping the packs that landed. The clock restarts once the job gets further than before the outage.
    /// </summary>
    public TimeSpan StoreOutageBudget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest page of list/detail, and the page size when no <c>limit</c> is given (Nova's osapi_max_limit).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Object-store bytes per second per job (reads and writes); 0 = no limit. Keeps backups from saturating links.</summary>
    public long MaxBytesPerSecond { get; set; }

    /// <summary>
    /// Whether an incremental of a snapshotted volume reads only the ranges whose extents changed since the previous
    /// backup's kept snapshot (FIEMAP, docs/volumes.md); false reads every allocated block, as without snapshots.
    /// </summary>
    public bool ChangedBlockTracking { get; set; } = true;

    /// <summary>
    /// Share (0 to 1) of each container's available backups the scrub verifies per day, least recently verified first;
    /// 0 (default) turns the scrub off. 1 verifies every backup about once a day (docs/operations.md, Verify and scrub).
    /// </summary>
    public double ScrubShare { get; set; }

    /// <summary>How often a worker node's scrub queues its share of verifications (the day's share spread over the periods).</summary>
    public TimeSpan ScrubInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often each worker node looks for backup policies whose due time has passed. 5 s: a due run starts within
    /// seconds, at the cost of one indexed query per node per tick.
    /// </summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The shortest interval a policy may ask for. 60 s in production; tests lower it (never below 1 s) to see several
    /// runs in seconds.
    /// </summary>
    public TimeSpan MinPolicyInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The failures of these settings, each naming its key; empty when all are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                failures.Add($"{SectionName}:{key} {rule}.");
            }
        }

        Require(ObjectStores.ObjectKeys.IsValidContainer(DefaultContainer), nameof(DefaultContainer), "must be a valid container name");
        Require(Workers is >= 0 and <= 64, nameof(Workers), "must be from 0 (no worker on this node) to 64");
        Require(LeaseDuration >= TimeSpan.FromSeconds(1), nameof(LeaseDuration), "must be at least 1 second");
        Require(HeartbeatInterval > TimeSpan.Zero && HeartbeatInterval * 2 <= LeaseDuration, nameof(HeartbeatInterval),
            "must be positive and at most half of LeaseDuration");
        Require(ProgressInterval > TimeSpan.Zero, nameof(ProgressInterval), "must be positive");
        Require(PollInterval > TimeSpan.Zero, nameof(PollInterval), "must be positive");
        Require(RecoveryInterval > TimeSpan.Zero, nameof(RecoveryInterval), "must be positive");
        Require(MaxAttempts >= 1, nameof(MaxAttempts), "must be at least 1");
        Require(StoreOutageBudget >= TimeSpan.Zero, nameof(StoreOutageBudget), "must be 0 (no waiting) or positive");
        Require(MaxPageSize >= 1, nameof(MaxPageSize), "must be at least 1");
        Require(ScrubShare is >= 0 and <= 1, nameof(ScrubShare), "must be from 0 (off) to 1 (every backup once a day)");
        Require(ScrubInterval > TimeSpan.Zero && ScrubInterval <= TimeSpan.FromDays(1), nameof(ScrubInterval), "must be positive and at most one day");
        Require(SchedulerInterval >= TimeSpan.FromMilliseconds(100) && SchedulerInterval <= TimeSpan.FromMinutes(10),
            nameof(SchedulerInterval), "must be from 100 milliseconds to 10 minutes");
        Require(MinPolicyInterval >= TimeSpan.FromSeconds(1) && MinPolicyInterval.Ticks % TimeSpan.TicksPerSecond == 0,
            nameof(MinPolicyInterval), "must be a whole number of seconds, at least 1");
        Require(MaxBytesPerSecond >= 0, nameof(MaxBytesPerSecond), "must be 0 (no limit) or positive");
        return failures;
    }
}

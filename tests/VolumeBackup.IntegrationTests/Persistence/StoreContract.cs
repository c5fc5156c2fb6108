using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

/// <summary>What the volume and backup stores must do on every database.</summary>
public abstract class StoreContract
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected abstract Task<TestDatabase> GetDatabaseAsync();

    [Fact]
    public async Task A_volume_round_trips_with_its_metadata_and_times()
    {
        var database = await ReadyAsync();
        await using var db = database.CreateContext();
        var store = new VolumeStore(db, _time);

        var added = await store.AddAsync(NewVolume("t1", 5, new() { ["purpose"] = "db" }), TestContext.Current.CancellationToken);
        var found = await store.FindAsync("t1", added.Id, TestContext.Current.CancellationToken);

        Assert.True(added.Id > 0);
        Assert.NotNull(found);
        Assert.Equal(5, found.SizeGb);
        Assert.Equal("db", found.Metadata["purpose"]);
        Assert.Equal(_time.GetUtcNow(), found.CreatedAt);
        Assert.Null(await store.FindAsync("t2", added.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_racing_volume_transitions_cannot_both_win()
    {
        var database = await ReadyAsync();
        long id;
        await using (var db = database.CreateContext())
        {
            id = (await new VolumeStore(db, _time).AddAsync(NewVolume("t1", 1), TestContext.Current.CancellationToken)).Id;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            return await new VolumeStore(db, _time).TryTransitionAsync(
                id, [VolumeStatus.Available], VolumeStatus.BackingUp, TestContext.Current.CancellationToken);
        })));

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task Usage_counts_the_tenants_volumes_and_gigabytes()
    {
        var database = await ReadyAsync();
        await using var db = database.CreateContext();
        var store = new VolumeStore(db, _time);
        await store.AddAsync(NewVolume("t1", 3), TestContext.Current.CancellationToken);
        await store.AddAsync(NewVolume("t1", 4), TestContext.Current.CancellationToken);
        await store.AddAsync(NewVolume("t2", 100), TestContext.Current.CancellationToken);

        Assert.Equal(new TenantUsage(2, 7), await store.GetUsageAsync("t1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(10, 1000)] // the count bounds
    [InlineData(1000, 10)] // the gigabytes bound
    public async Task Racing_inserts_within_quota_admit_exactly_what_the_quota_allows(int volumes, long gigabytes)
    {
        var database = await ReadyAsync();
        await using (var db = database.CreateContext())
        {
            await new VolumeStore(db, _time).AddAsync(NewVolume("t2", 1), TestContext.Current.CancellationToken); // not t1's
        }

        // Twenty open connections start together, as twenty API requests would; each checks the quota and inserts.
        var contexts = new List<VolumeBackupDbContext>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                contexts.Add(database.CreateContext());
                await contexts[i].Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            }

            var added = await Task.WhenAll(contexts.Select(db => Task.Run(() => new VolumeStore(db, _time).TryAddWithinQuotaAsync(
                NewVolume("t1", 1), new VolumeQuota(volumes, gigabytes), TestContext.Current.CancellationToken))));

            Assert.Equal(10, added.Count(volume => volume is not null));
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }

        await using var check = database.CreateContext();
        Assert.Equal(new TenantUsage(10, 10), await new VolumeStore(check, _time).GetUsageAsync("t1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_insert_within_quota_joins_the_callers_transaction_and_leaves_with_its_rollback()
    {
        var database = await ReadyAsync();
        await using var db = database.CreateContext();
        var store = new VolumeStore(db, _time);
        await using (await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            Assert.NotNull(await store.TryAddWithinQuotaAsync(NewVolume("t1", 1), new VolumeQuota(1, 1), TestContext.Current.CancellationToken));
            Assert.Null(await store.TryAddWithinQuotaAsync(NewVolume("t1", 1), new VolumeQuota(1, 1), TestContext.Current.CancellationToken));
        } // disposed without a commit: rolled back

        Assert.Equal(new TenantUsage(0, 0), await store.GetUsageAsync("t1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_backup_transition_from_the_wrong_status_changes_nothing()
    {
        var database = await ReadyAsync();
        await using var db = database.CreateContext();
        var store = new BackupStore(db, _time);
        var backup = await store.AddAsync(NewBackup(), TestContext.Current.CancellationToken);

        var won = await store.TryTransitionAsync(backup.Id, [BackupStatus.Available], BackupStatus.Deleting, TestContext.Current.CancellationToken);

        Assert.False(won);
        Assert.Equal(BackupStatus.Creating, (await store.FindAsync("t1", backup.Id, TestContext.Current.CancellationToken))?.Status);
    }

    [Fact]
    public async Task A_backup_moves_through_its_lifecycle_and_records_progress_and_failure()
    {
        var database = await ReadyAsync();
        await using var db = database.CreateContext();
        var store = new BackupStore(db, _time);
        var backup = await store.AddAsync(NewBackup(), TestContext.Current.CancellationToken);

        Assert.True(await store.UpdateProgressAsync(backup.Id, BackupStatus.Creating, "create", 10, 100, TestContext.Current.CancellationToken));
        Assert.True(await store.TryTransitionAsync(backup.Id, [BackupStatus.Creating], BackupStatus.Error, TestContext.Current.CancellationToken, "boom"));
        Assert.True(await store.TryTransitionAsync(backup.Id, [BackupStatus.Available, BackupStatus.Error], BackupStatus.Deleting, TestContext.Current.CancellationToken));
        var deleting = await store.FindByIdAsync(backup.Id, TestContext.Current.CancellationToken);
        Assert.True(await store.RemoveDeletingAsync(backup.Id, TestContext.Current.CancellationToken));

        Assert.Equal(BackupStatus.Deleting, deleting?.Status);
        Assert.Equal(10, deleting?.ProgressBytesDone);
        Assert.Null(await store.FindByIdAsync(backup.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_transition_the_rules_forbid_is_refused_before_touching_the_database()
    {
        var database = await ReadyAsync();
        await using var db = database.CreateContext();
        var store = new BackupStore(db, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.TryTransitionAsync(1, [BackupStatus.Creating], BackupStatus.Restoring, TestContext.Current.CancellationToken));
    }

    private async Task<TestDatabase> ReadyAsync()
    {
        var database = await GetDatabaseAsync();
        await database.ResetAsync();
        return database;
    }

    private static Volume NewVolume(string tenant, int sizeGb, Dictionary<string, string>? metadata = null) => new()
    {
        TenantId = tenant,
        SizeGb = sizeGb,
        Status = VolumeStatus.Available,
        AvailabilityZone = "az-1",
        Host = "node-a",
        Metadata = metadata ?? new(StringComparer.Ordinal),
    };

    private static Backup NewBackup() => new()
    {
        TenantId = "t1",
        VolumeId = 1,
        Container = "backups",
        Status = BackupStatus.Creating,
        SizeGb = 1,
    };
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

/// <summary>What every database's job queue must do; run on SQLite and on PostgreSQL.</summary>
public abstract class JobQueueContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected abstract Task<TestDatabase> GetDatabaseAsync();

    [Fact]
    public async Task A_queued_job_is_claimed_once_with_a_lease_and_counted_attempt()
    {
        var database = await ReadyAsync();
        var job = await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, BackupId: 7, VolumeId: 3, TargetHost: "node-a"));

        var claimed = await ClaimAsync(database, "w1", "node-a");
        var second = await ClaimAsync(database, "w2", "node-a");

        Assert.NotNull(claimed);
        Assert.Equal(job.Id, claimed.Id);
        Assert.Equal(JobState.Running, claimed.State);
        Assert.Equal("w1", claimed.LeaseOwner);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal(_time.GetUtcNow() + Lease, claimed.LeaseExpiresAt);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_job_for_another_host_is_left_alone_but_a_job_for_any_host_is_taken()
    {
        var database = await ReadyAsync();
        await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, TargetHost: "node-b"));
        var anyHost = await EnqueueAsync(database, new NewJob(JobKind.DeleteBackup));

        var claimed = await ClaimAsync(database, "w1", "node-a");
        var nothing = await ClaimAsync(database, "w1", "node-a");

        Assert.Equal(anyHost.Id, claimed?.Id);
        Assert.Null(nothing);
    }

    [Fact]
    public async Task Concurrent_claimers_claim_each_job_exactly_once()
    {
        var database = await ReadyAsync();
        for (var i = 0; i < 40; i++)
        {
            await EnqueueAsync(database, new NewJob(JobKind.DeleteBackup, BackupId: i));
        }

        var claims = new ConcurrentBag<long>();
        var workers = Enumerable.Range(0, 5).Select(w => Task.Run(async () =>
        {
            while (await ClaimAsync(database, $"w{w}", "node-a") is { } job)
            {
                claims.Add(job.Id);
            }
        }));
        await Task.WhenAll(workers);

        Assert.Equal(40, claims.Count);
        Assert.Equal(40, claims.Distinct().Count());
    }

    [Fact]
    public async Task Renewing_extends_the_lease_and_fails_once_the_lease_was_reclaimed()
    {
        var database = await ReadyAsync();
        await EnqueueAsync(database, new NewJob(JobKind.CreateBackup));
        var job = (await ClaimAsync(database, "w1", "node-a"))!;

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await UseQueueAsync(database, q => q.RenewLeaseAsync(job.Id, "w1", Lease, TestContext.Current.CancellationToken)));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await ClaimAsync(database, "w2", "node-a")); // renewed lease still valid

        _time.Advance(TimeSpan.FromSeconds(31));
        var taken = await ClaimAsync(database, "w2", "node-a");

        Assert.Equal(job.Id, taken?.Id);
        Assert.Equal(2, taken?.Attempts);
        Assert.False(await UseQueueAsync(database, q => q.RenewLeaseAsync(job.Id, "w1", Lease, TestContext.Current.CancellationToken)));
        Assert.False(await UseQueueAsync(database, q => q.CompleteAsync(job.Id, "w1", TestContext.Current.CancellationToken)));
        Assert.True(await UseQueueAsync(database, q => q.CompleteAsync(job.Id, "w2", TestContext.Current.CancellationToken)));
        var done = await UseQueueAsync(database, q => q.FindAsync(job.Id, TestContext.Current.CancellationToken));
        Assert.Equal(JobState.Done, done?.State);
    }

    [Fact]
    public async Task A_job_whose_lease_expires_after_its_last_attempt_is_given_up()
    {
        var database = await ReadyAsync();
        var job = await EnqueueAsync(database, new NewJob(JobKind.RestoreBackup, MaxAttempts: 2));
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.NotNull(await ClaimAsync(database, $"w{attempt}", "node-a"));
            _time.Advance(Lease + TimeSpan.FromSeconds(1));
        }

        var result = await UseQueueAsync(database, q => q.ReclaimExpiredAsync(TestContext.Current.CancellationToken));

        Assert.Equal(0, result.Requeued);
        Assert.Equal(job.Id, Assert.Single(result.GivenUp).Id);
        var stored = await UseQueueAsync(database, q => q.FindAsync(job.Id, TestContext.Current.CancellationToken));
        Assert.Equal(JobState.Failed, stored?.State);
        Assert.Contains("lease expired", stored?.LastError, StringComparison.Ordinal);
        Assert.Null(await ClaimAsync(database, "w3", "node-a"));
    }

    [Fact]
    public async Task Failing_a_job_records_the_error()
    {
        var database = await ReadyAsync();
        await EnqueueAsync(database, new NewJob(JobKind.CreateBackup));
        var job = (await ClaimAsync(database, "w1", "node-a"))!;

        Assert.True(await UseQueueAsync(database, q => q.FailAsync(job.Id, "w1", "disk full", TestContext.Current.CancellationToken)));

        var stored = await UseQueueAsync(database, q => q.FindAsync(job.Id, TestContext.Current.CancellationToken));
        Assert.Equal(JobState.Failed, stored?.State);
        Assert.Equal("disk full", stored?.LastError);
    }

    [Fact]
    public async Task A_queued_job_cancelled_before_any_claim_ends_cancelled_with_the_reason()
    {
        var database = await ReadyAsync();
        var job = await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, BackupId: 5));

        Assert.True(await UseCancellationsAsync(database, c => c.TryEndQueuedAsync(job.Id, "The backup was cancelled.", TestContext.Current.CancellationToken)));

        var stored = await UseQueueAsync(database, q => q.FindAsync(job.Id, TestContext.Current.CancellationToken));
        Assert.Equal((JobState.Cancelled, "The backup was cancelled."), (stored?.State, stored?.LastError));
        Assert.Null(await ClaimAsync(database, "w1", "node-a"));
    }

    [Fact]
    public async Task A_running_job_stopped_by_a_cancel_ends_cancelled_while_a_failing_one_still_ends_failed()
    {
        var database = await ReadyAsync();
        await EnqueueAsync(database, new NewJob(JobKind.RestoreBackup, BackupId: 1));
        await EnqueueAsync(database, new NewJob(JobKind.RestoreBackup, BackupId: 2));
        var cancelled = (await ClaimAsync(database, "w1", "node-a"))!;
        var failing = (await ClaimAsync(database, "w2", "node-a"))!;
        var ct = TestContext.Current.CancellationToken;

        Assert.False(await UseCancellationsAsync(database, c => c.TryEndQueuedAsync(cancelled.Id, "The restore was cancelled.", ct)));
        Assert.True(await UseCancellationsAsync(database, c => c.TryRequestAsync(cancelled.Id, ct)));
        Assert.Equal(JobHeartbeat.CancelRequested, await UseCancellationsAsync(database, c => c.BeatAsync(cancelled.Id, "w1", Lease, ct)));
        Assert.True(await UseQueueAsync(database, q => q.CancelAsync(cancelled.Id, "w1", "The restore was cancelled.", ct)));
        Assert.True(await UseQueueAsync(database, q => q.FailAsync(failing.Id, "w2", "disk full", ct)));

        var stopped = await UseQueueAsync(database, q => q.FindAsync(cancelled.Id, ct));
        var failed = await UseQueueAsync(database, q => q.FindAsync(failing.Id, ct));
        Assert.Equal((JobState.Cancelled, "The restore was cancelled."), (stopped?.State, stopped?.LastError));
        Assert.Equal((JobState.Failed, "disk full"), (failed?.State, failed?.LastError));
        Assert.False(await UseQueueAsync(database, q => q.CancelAsync(cancelled.Id, "w1", "again", ct))); // ended: nothing to change
    }

    [Fact]
    public async Task Trust_cleanup_counts_cancelled_jobs_as_finished()
    {
        var database = await ReadyAsync();
        var ct = TestContext.Current.CancellationToken;
        var queued = await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, BackupId: 1, TrustId: "trust-queued"));
        Assert.True(await UseCancellationsAsync(database, c => c.TryEndQueuedAsync(queued.Id, "The backup was cancelled.", ct)));
        await EnqueueAsync(database, new NewJob(JobKind.VerifyBackup, BackupId: 2, TrustId: "trust-running"));
        var running = (await ClaimAsync(database, "w1", "node-a"))!;
        Assert.True(await UseQueueAsync(database, q => q.HasUnfinishedWithTrustAsync("trust-running", ct)));

        Assert.True(await UseQueueAsync(database, q => q.CancelAsync(running.Id, "w1", "The verification was cancelled.", ct)));

        var finished = await UseQueueAsync(database, q => q.FindFinishedWithTrustAsync(10, ct));
        Assert.Equal([queued.Id, running.Id], finished.Select(j => j.Id));
        Assert.False(await UseQueueAsync(database, q => q.HasUnfinishedWithTrustAsync("trust-queued", ct)));
        Assert.False(await UseQueueAsync(database, q => q.HasUnfinishedWithTrustAsync("trust-running", ct)));
    }

    [Fact]
    public async Task A_job_enqueued_in_a_rolled_back_transaction_does_not_exist()
    {
        var database = await ReadyAsync();
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await new JobQueue(db, _time).EnqueueAsync(new NewJob(JobKind.CreateBackup), TestContext.Current.CancellationToken);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Jobs.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_tenant_with_one_queued_job_goes_before_the_backlog_of_a_tenant_that_has_jobs_running()
    {
        var database = await ReadyAsync();
        for (var i = 0; i < 100; i++)
        {
            await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, BackupId: i, TenantId: "tenant-a"));
        }

        var lone = await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, BackupId: 1000, TenantId: "tenant-b"));
        var first = await ClaimAsync(database, "w1", "node-a");
        var second = await ClaimAsync(database, "w2", "node-a");
        var third = await ClaimAsync(database, "w3", "node-a");

        Assert.Equal("tenant-a", first?.TenantId); // nobody runs anything yet: the oldest job
        Assert.Equal(lone.Id, second?.Id); // tenant-a now runs one, tenant-b none
        Assert.Equal("tenant-a", third?.TenantId);
        Assert.True(third?.Id > first?.Id);
    }

    /// <summary>Each tenant queues <paramref name="jobsEach"/> jobs, one tenant after the other ('-' = no tenant);
    /// claims without finishing anything take them round-robin, each tenant's jobs oldest first.</summary>
    [Theory]
    [InlineData("a,b", 3)]
    [InlineData("a,b,c", 4)]
    [InlineData("a,-", 3)]
    public async Task Tenants_with_equal_running_jobs_take_turns(string tenantList, int jobsEach)
    {
        var database = await ReadyAsync();
        var tenants = tenantList.Split(',').Select(t => t == "-" ? null : t).ToList();
        foreach (var tenant in tenants)
        {
            for (var i = 0; i < jobsEach; i++)
            {
                await EnqueueAsync(database, new NewJob(JobKind.DeleteBackup, TenantId: tenant));
            }
        }

        var claimed = new List<JobRecord>();
        for (var i = 0; i < tenants.Count * jobsEach; i++)
        {
            claimed.Add((await ClaimAsync(database, $"w{i}", "node-a"))!);
        }

        var expected = Enumerable.Range(0, jobsEach).SelectMany(_ => tenants).ToList();
        Assert.Equal(expected, claimed.Select(j => j.TenantId));
        Assert.All(tenants, t =>
        {
            var ids = claimed.Where(j => j.TenantId == t).Select(j => j.Id).ToList();
            Assert.Equal(ids.Order(), ids);
        });
    }

    [Fact]
    public async Task Running_jobs_of_other_hosts_count_for_fairness_and_queued_ones_for_other_hosts_are_not_taken()
    {
        var database = await ReadyAsync();
        await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, TargetHost: "node-b", TenantId: "tenant-a"));
        Assert.Equal("tenant-a", (await ClaimAsync(database, "b1", "node-b"))?.TenantId); // runs on node-b
        var older = await EnqueueAsync(database, new NewJob(JobKind.DeleteBackup, TenantId: "tenant-a"));
        var newer = await EnqueueAsync(database, new NewJob(JobKind.DeleteBackup, TenantId: "tenant-c"));
        await EnqueueAsync(database, new NewJob(JobKind.CreateBackup, TargetHost: "node-b", TenantId: "tenant-d"));

        Assert.Equal(newer.Id, (await ClaimAsync(database, "a1", "node-a"))?.Id);
        Assert.Equal(older.Id, (await ClaimAsync(database, "a2", "node-a"))?.Id);
        Assert.Null(await ClaimAsync(database, "a3", "node-a"));
    }

    private async Task<TestDatabase> ReadyAsync()
    {
        var database = await GetDatabaseAsync();
        await database.ResetAsync();
        return database;
    }

    private Task<JobRecord> EnqueueAsync(TestDatabase database, NewJob job) =>
        UseQueueAsync(database, q => q.EnqueueAsync(job, TestContext.Current.CancellationToken));

    private Task<JobRecord?> ClaimAsync(TestDatabase database, string worker, string host) =>
        UseQueueAsync(database, q => q.TryClaimNextAsync(worker, host, Lease, TestContext.Current.CancellationToken));

    private async Task<T> UseCancellationsAsync<T>(TestDatabase database, Func<JobCancellations, Task<T>> action)
    {
        await using var db = database.CreateContext();
        return await action(new JobCancellations(db, new JobQueue(db, _time), _time));
    }

    // Each call on its own connection, as separate workers would.
    private async Task<T> UseQueueAsync<T>(TestDatabase database, Func<JobQueue, Task<T>> action)
    {
        await using var db = database.CreateContext();
        return await action(new JobQueue(db, _time));
    }
}

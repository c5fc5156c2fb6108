using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

/// <summary>
/// A worker's shutdown may cancel its claim at any point. Cancelled right after the claiming statement ran, the claim
/// either hands the job to the worker (which then gives it back on shutdown) or leaves it queued; never running with a
/// lease nobody knows of, which would hold the job until the lease runs out and count a lost attempt.
/// </summary>
public abstract class JobClaimCancellationContract
{
    protected abstract Task<TestDatabase> GetDatabaseAsync();

    [Fact]
    public async Task A_claim_cancelled_right_after_its_statement_ran_leaves_the_job_known_to_the_worker_or_queued()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await GetDatabaseAsync();
        await database.ResetAsync();
        JobRecord queued;
        await using (var db = database.CreateContext())
        {
            queued = await new JobQueue(db, TimeProvider.System).EnqueueAsync(new NewJob(JobKind.DeleteBackup), ct);
        }

        using var shutdown = new CancellationTokenSource();
        JobRecord? claimed = null;
        await using (var claimer = database.CreateContextWith(new CancelAfterClaim(shutdown)))
        {
            try
            {
                claimed = await new JobQueue(claimer, TimeProvider.System).TryClaimNextAsync("node/1/0", "node", TimeSpan.FromMinutes(1), shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                // the claim was abandoned: then the job must still be queued
            }
        }

        Assert.True(shutdown.IsCancellationRequested, "the claiming statement never ran");
        await using var check = database.CreateContext();
        var row = await check.Jobs.AsNoTracking().SingleAsync(j => j.Id == queued.Id, ct);
        if (claimed is null)
        {
            Assert.Equal((JobState.Queued, (string?)null), (row.State, row.LeaseOwner));
        }
        else
        {
            Assert.Equal((JobState.Running, "node/1/0", queued.Id), (row.State, row.LeaseOwner, claimed.Id));
        }
    }

    // Cancels the claimer's token as soon as the statement that takes the job (it sets the lease owner) has run.
    private sealed class CancelAfterClaim(CancellationTokenSource shutdown) : DbCommandInterceptor
    {
        public override async ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (result == 1 && command.CommandText.Contains("\"LeaseOwner\"", StringComparison.Ordinal))
            {
                await shutdown.CancelAsync();
            }

            return result;
        }
    }
}

public sealed class SqliteJobClaimCancellationTests(SqliteDatabaseFixture fixture)
    : JobClaimCancellationContract, IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => Task.FromResult(fixture.Database);
}

public sealed class PostgresJobClaimCancellationTests(PostgresDatabaseFixture fixture)
    : JobClaimCancellationContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => fixture.GetAsync();
}

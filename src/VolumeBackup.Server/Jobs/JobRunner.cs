using Microsoft.Extensions.Options;
using VolumeBackup.DataPath;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity.Trusts;
using VolumeBackup.Server.Telemetry;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Runs one claimed job: dispatches it to its <see cref="IJobHandler"/> while a monitor renews the lease every
/// heartbeat interval and writes progress every progress interval. A lost lease cancels the job (another worker owns it
/// now). An object store outage does not fail the job at once: the job waits (holding its lease) and starts over,
/// resuming where it can, until <see cref="BackupOptions.StoreOutageBudget"/> is spent. Other failures end the job and
/// apply the handler's failure statuses. On shutdown the job is handed back without counting the attempt, to be resumed
/// by the next worker. A job a user cancelled (seen by the monitor's heartbeat, or already at the claim) stops, has what
/// it alone wrote removed by its handler, and ends cancelled with the cancel's end statuses (<see cref="CancelledJobs"/>).
/// </summary>
internal sealed class JobRunner(
    IServiceScopeFactory scopes, IOptions<BackupOptions> options, TimeProvider time, VolumeBackupMetrics metrics, ILogger<JobRunner> logger)
{
    public async Task RunAsync(JobRecord job, string workerId, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var handler = services.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        var progress = new LatestProgress();
        var execution = new JobExecution(
            job, workerId, settings.LeaseDuration, services.GetRequiredService<VolumeBackupDbContext>(),
            services.GetRequiredService<JobQueue>(), progress)
        {
            LockOwner = new JobLockOwner(job.Id, workerId, settings.HeartbeatInterval, scopes, time),
            Trusts = services.GetRequiredService<UserStoreTrusts>(),
        };
        using var activity = JobTracing.StartJob(job);
        var started = time.GetTimestamp();
        if (handler is null)
        {
            await execution.FailAsync(_ => Task.CompletedTask, $"No handler for job kind '{job.Kind}'.", CancellationToken.None);
            Finished(job, activity, started, JobOutcomes.Failed, "no handler");
            return;
        }

        using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var monitorCancellation = new CancellationTokenSource();
        var monitor = new JobMonitor(scopes, settings, time, logger);
        var monitorTask = monitor.RunAsync(job, workerId, progress, jobCancellation, monitorCancellation.Token);
        logger.JobStarted(workerId, job.Id, job.Kind, job.BackupId, job.Attempts);
        try
        {
            if (job.CancelRequestedAt is null)
            {
                await RunThroughOutagesAsync(job, workerId, handler, execution, progress, settings, jobCancellation.Token);
                Finished(job, activity, started, JobOutcomes.Done, null);
            }
            else
            {
                // Cancelled after an earlier attempt wrote something (handed back or reclaimed): clean up, do not resume.
                await EndCancelledAsync(job, workerId, handler, execution, services);
                Finished(job, activity, started, JobOutcomes.Cancelled, null);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Whatever the cancellation surfaced as (a store may wrap it), shutdown is not the job's failure.
            var handBack = services.GetRequiredService<JobHandback>();
            await handBack.HandBackAsync(job.Id, workerId, countAttempt: false, "The worker stopped (shutdown).", CancellationToken.None);
            logger.JobHandedBackOnShutdown(workerId, job.Id);
        }
        catch (Exception) when (monitor.LeaseLost)
        {
            logger.JobLeaseLost(workerId, job.Id);
        }
        catch (Exception) when (monitor.CancelRequested)
        {
            // Whatever the cancellation surfaced as; a job that finished first completed and never gets here.
            await EndCancelledAsync(job, workerId, handler, execution, services);
            Finished(job, activity, started, JobOutcomes.Cancelled, null);
        }
        catch (ContainerBusyException e)
        {
            // A sweep runs in the job's container: wait in the queue, not in this worker, and keep the attempt.
            var handBack = services.GetRequiredService<JobHandback>();
            await handBack.DeferAsync(job.Id, workerId, time.GetUtcNow() + e.RetryAfter, e.Message, CancellationToken.None);
            logger.JobDeferred(workerId, job.Id, e.Message);
        }
        catch (Exception e)
        {
            await FailAsync(job, workerId, handler, execution, e);
            Finished(job, activity, started, JobOutcomes.Failed, e.Message);
        }
        finally
        {
            await monitorCancellation.CancelAsync();
            await monitorTask;
        }
    }

    // Only jobs that ended count: a job handed back, deferred or taken over after a lost lease runs again elsewhere.
    private void Finished(JobRecord job, System.Diagnostics.Activity? activity, long started, string outcome, string? error)
    {
        metrics.JobFinished(job.Kind, outcome, time.GetElapsedTime(started));
        JobTracing.End(activity, outcome, error);
    }

    /// <summary>
    /// Runs the handler; while the store is out (<see cref="FailReasons.IsStoreOutage"/>) waits and runs it again, as a
    /// resumed job (a backup skips the packs that landed), until the outage budget is spent.
    /// </summary>
    private async Task RunThroughOutagesAsync(
        JobRecord job, string workerId, IJobHandler handler, JobExecution execution, LatestProgress progress, BackupOptions settings,
        CancellationToken ct)
    {
        var outage = new StoreOutageClock(settings.StoreOutageBudget, time);
        while (true)
        {
            try
            {
                await handler.RunAsync(execution, ct);
                return;
            }
            catch (Exception e) when (FailReasons.IsStoreOutage(e) && !ct.IsCancellationRequested)
            {
                if (outage.OnFailure(progress.Read().Progress.BytesDone) is not { } delay)
                {
                    throw new StoreOutageBudgetSpentException(outage.Budget, e);
                }

                logger.JobStoreOutage(e, workerId, job.Id, job.Kind, job.BackupId, delay.TotalSeconds);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    private async Task FailAsync(JobRecord job, string workerId, IJobHandler handler, JobExecution execution, Exception error)
    {
        var reason = error is StoreOutageBudgetSpentException spent
            ? FailReasons.OutageBudgetSpent(handler.Operation, spent.Budget)
            : FailReasons.Describe(error, handler.Operation);
        var damaged = FailReasons.IsDamagedData(error);
        logger.JobFailed(error, workerId, job.Id, job.Kind, job.BackupId, reason);
        await execution.FailAsync(c => handler.ApplyFailureAsync(job, reason, damaged, c), reason, CancellationToken.None);
    }

    private async Task EndCancelledAsync(
        JobRecord job, string workerId, IJobHandler handler, JobExecution execution, IServiceProvider services)
    {
        try
        {
            await handler.CleanUpCancelledAsync(execution, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The statuses must end regardless: objects left behind belong to no root, so a later delete or sweep removes them.
            logger.JobCancelCleanupFailed(e, workerId, job.Id);
        }

        var endings = services.GetRequiredService<CancelledJobs>();
        if (await execution.CancelAsync(c => endings.ApplyAsync(job, c), CancelledJobs.ReasonFor(job), CancellationToken.None))
        {
            logger.JobCancelled(workerId, job.Id, job.Kind, job.BackupId);
        }
    }

    /// <summary>The backup status and progress operation a job's progress is shown under; null for jobs without progress.</summary>
    internal static (string Status, string Operation)? ProgressTarget(string kind) => kind switch
    {
        JobKind.CreateBackup => (BackupStatus.Creating, BackupLifecycle.CreateOperation),
        JobKind.RestoreBackup => (BackupStatus.Restoring, BackupLifecycle.RestoreOperation),
        JobKind.VerifyBackup => (BackupStatus.Available, BackupVerifications.VerifyOperation),
        _ => null,
    };
}

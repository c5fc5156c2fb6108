using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Beside a running job: renews its lease every heartbeat interval and writes its newest progress every progress
/// interval, on its own database context (the handler's is busy). When a renewal finds the lease gone, it cancels the job.
/// </summary>
internal sealed class JobMonitor(IServiceScopeFactory scopes, BackupOptions settings, TimeProvider time, ILogger logger)
{
    public bool LeaseLost { get; private set; }

    public async Task RunAsync(
        JobRecord job, string workerId, LatestProgress progress, CancellationTokenSource jobCancellation, CancellationToken ct)
    {
        var target = JobRunner.ProgressTarget(job.Kind);
        var lastBeat = time.GetTimestamp();
        long writtenVersion = 0;
        using var timer = new PeriodicTimer(settings.ProgressInterval, time);
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var backups = scope.ServiceProvider.GetRequiredService<BackupStore>();
        var verifications = scope.ServiceProvider.GetRequiredService<BackupVerifications>();
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    var (latest, version) = progress.Read();
                    if (target is { } t && version != writtenVersion && job.BackupId is { } backupId)
                    {
                        // A verification leaves the status available: its progress is guarded by the job still running.
                        await (job.Kind == JobKind.VerifyBackup
                            ? verifications.UpdateProgressAsync(backupId, job.Id, latest.BytesDone, latest.BytesTotal, ct)
                            : backups.UpdateProgressAsync(backupId, t.Status, t.Operation, latest.BytesDone, latest.BytesTotal, ct));
                        writtenVersion = version;
                    }

                    if (time.GetElapsedTime(lastBeat) >= settings.HeartbeatInterval)
                    {
                        if (!await queue.RenewLeaseAsync(job.Id, workerId, settings.LeaseDuration, ct))
                        {
                            LeaseLost = true;
                            await jobCancellation.CancelAsync();
                            return;
                        }

                        lastBeat = time.GetTimestamp();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database hiccup: the job goes on; the lease has room for a missed heartbeat or two.
                    logger.JobHeartbeatFailed(e, job.Id);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the job ended
        }
    }
}

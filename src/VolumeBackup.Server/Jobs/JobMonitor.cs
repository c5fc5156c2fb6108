using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Beside a running job: renews its lease every heartbeat interval and writes its newest progress every progress
/// interval, on its own database context (the handler's is busy). When a renewal finds the lease gone, it cancels the job;
/// when it finds a user asked to cancel the job, it cancels the job too but goes on renewing the lease, so the worker
/// still holds the job (and its container locks) while it cleans up and ends it as cancelled.
/// </summary>
internal sealed class JobMonitor(IServiceScopeFactory scopes, BackupOptions settings, TimeProvider time, ILogger logger)
{
    public bool LeaseLost { get; private set; }

    /// <summary>A heartbeat found the job's cancel request (<see cref="JobHeartbeat.CancelRequested"/>).</summary>
    public bool CancelRequested { get; private set; }

    public async Task RunAsync(
        JobRecord job, string workerId, LatestProgress progress, CancellationTokenSource jobCancellation, CancellationToken ct)
    {
        var target = JobRunner.ProgressTarget(job.Kind);
        var lastBeat = time.GetTimestamp();
        long writtenVersion = 0;
        using var timer = new PeriodicTimer(settings.ProgressInterval, time);
        await using var scope = scopes.CreateAsyncScope();
        var cancellations = scope.ServiceProvider.GetRequiredService<JobCancellations>();
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
                        var beat = await cancellations.BeatAsync(job.Id, workerId, settings.LeaseDuration, ct);
                        if (beat == JobHeartbeat.Lost)
                        {
                            LeaseLost = true;
                            await jobCancellation.CancelAsync();
                            return;
                        }

                        if (beat == JobHeartbeat.CancelRequested && !CancelRequested)
                        {
                            CancelRequested = true;
                            await jobCancellation.CancelAsync();
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

using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// The end statuses of a cancelled job (<see cref="BackupCancellation"/>), by job kind rather than by handler, so the
/// request that ends a queued job and the worker that stops a running one write the same thing. Every change is guarded
/// on the status the job left behind, so a cancel that lost a race to the job's own end changes nothing.
/// </summary>
internal sealed class CancelledJobs(BackupLifecycle lifecycle, VolumeStore volumes, JobCancellations cancellations)
{
    /// <summary>The job kinds a user may cancel.</summary>
    public static readonly IReadOnlyList<string> Kinds = [JobKind.CreateBackup, JobKind.RestoreBackup, JobKind.VerifyBackup];

    /// <summary>The operation a job of <paramref name="kind"/> carries out, as the cancel response names it; null when not cancellable.</summary>
    public static string? OperationOf(string kind) => kind switch
    {
        JobKind.CreateBackup => BackupCancellation.Create,
        JobKind.RestoreBackup => BackupCancellation.Restore,
        JobKind.VerifyBackup => BackupCancellation.Verify,
        _ => null,
    };

    /// <summary>The job's last error once cancelled.</summary>
    public static string ReasonFor(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return BackupCancellation.ReasonFor(OperationOf(job.Kind)
            ?? throw new InvalidOperationException($"Jobs of kind '{job.Kind}' cannot be cancelled."));
    }

    /// <summary>Writes the cancelled job's end statuses on the caller's transaction (the job itself is ended by the caller).</summary>
    public async Task ApplyAsync(JobRecord job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reason = ReasonFor(job);
        switch (job.Kind)
        {
            case JobKind.CreateBackup:
                if (job.BackupId is { } created)
                {
                    await lifecycle.TryEndAsync(created, BackupStatus.Creating, BackupStatus.Error, reason, ct);
                }

                if (job.VolumeId is { } source)
                {
                    await volumes.TryEndBackingUpAsync(source, ct); // available, or in-use when still attached
                }

                break;
            case JobKind.RestoreBackup:
                if (job.BackupId is { } restored)
                {
                    await lifecycle.TryEndAsync(restored, BackupStatus.Restoring, BackupStatus.Available, null, ct);
                }

                if (job.VolumeId is { } target)
                {
                    // Partly written (or not at all, for a queued job): its bytes are nobody's data.
                    await volumes.TryTransitionAsync(target, [VolumeStatus.RestoringBackup], VolumeStatus.ErrorRestoring, ct, reason);
                }

                break;
            case JobKind.VerifyBackup:
                if (job.BackupId is { } verified)
                {
                    // Status and verification stay as they were; only the progress the job showed goes.
                    await cancellations.ClearProgressAsync(verified, BackupCancellation.Verify, ct);
                }

                break;
        }
    }
}

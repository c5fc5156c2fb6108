namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// What <see cref="JobQueue.ReclaimExpiredAsync"/> did: jobs put back in the queue, and jobs given up because they had
/// used all their attempts (the caller marks their backup or volume as error).
/// </summary>
public sealed record ReclaimResult(int Requeued, IReadOnlyList<JobRecord> GivenUp);

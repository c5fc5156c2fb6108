using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Server.Jobs;

/// <summary>Carries out jobs of one <see cref="Kind"/>. Scoped: one instance (and one database context) per job run.</summary>
internal interface IJobHandler
{
    /// <summary>The <see cref="JobKind"/> handled.</summary>
    string Kind { get; }

    /// <summary>
    /// Does the job and ends it through <see cref="JobExecution.CompleteAsync"/>. Throws on failure (the worker then calls
    /// <see cref="ApplyFailureAsync(JobRecord, string, bool, CancellationToken)"/>). Must be safe to run again after a crash at any point.
    /// </summary>
    Task RunAsync(JobExecution execution, CancellationToken ct);

    /// <summary>
    /// The status changes of a failed job, without ending the job: its backup to error (or back to usable) with
    /// <paramref name="reason"/>, its volume unlocked. Each change is guarded, so running it twice changes nothing more.
    /// </summary>
    Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct);

    /// <summary>
    /// As <see cref="ApplyFailureAsync(JobRecord, string, CancellationToken)"/>, knowing whether the backup's data was found
    /// damaged (a restore then marks the backup <c>error</c>; otherwise it stays restorable).
    /// </summary>
    Task ApplyFailureAsync(JobRecord job, string reason, bool damagedData, CancellationToken ct) => ApplyFailureAsync(job, reason, ct);

    /// <summary>
    /// After a user cancelled the job (before its end statuses, <see cref="CancelledJobs"/>): removes what the job alone
    /// wrote, while the worker still holds it. Nothing by default (a restore's partly written volume stays, marked).
    /// </summary>
    Task CleanUpCancelledAsync(JobExecution execution, CancellationToken ct) => Task.CompletedTask;

    /// <summary>"backup", "restore" or "delete": the word fail reasons use.</summary>
    string Operation { get; }
}

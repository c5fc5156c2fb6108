using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// The rows a verification touches: its start (a guarded update that also locks the backup's row, so two requests for
/// one backup queue one job), its progress, its verdict, and the question "is a job running on this backup?".
/// A verification never changes the backup's status.
/// </summary>
public sealed class BackupVerifications(VolumeBackupDbContext db, TimeProvider time)
{
    /// <summary>The operation name shown in the <c>progress</c> field while a verification runs.</summary>
    public const string VerifyOperation = "verify";

    /// <summary>
    /// Inside the caller's transaction: resets the progress of an <c>available</c> backup for a verification (shown
    /// once the worker reports some). The update takes the row's lock on PostgreSQL (SQLite writes one at a time), so a
    /// second request for the same backup waits here and then sees the first one's job. False when not available.
    /// </summary>
    public async Task<bool> TryBeginAsync(long backupId, long bytesTotal, CancellationToken ct) =>
        await db.Backups
            .Where(b => b.Id == backupId && b.Status == BackupStatus.Available)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.ProgressBytesDone, 0L)
                .SetProperty(b => b.ProgressBytesTotal, bytesTotal), ct) == 1;

    /// <summary>Whether a job of <paramref name="kind"/> (any kind when null) is queued or running on the backup.</summary>
    public Task<bool> HasActiveJobAsync(long backupId, string? kind, CancellationToken ct) =>
        db.Jobs.AnyAsync(
            j => j.BackupId == backupId && (kind == null || j.Kind == kind) && (j.State == JobState.Queued || j.State == JobState.Running),
            ct);

    /// <summary>
    /// The running verification's progress, written only while job <paramref name="jobId"/> runs, so a late write
    /// cannot show progress of a verification that has ended. False when it did not write.
    /// </summary>
    public async Task<bool> UpdateProgressAsync(long backupId, long jobId, long bytesDone, long bytesTotal, CancellationToken ct) =>
        await db.Backups
            .Where(b => b.Id == backupId && b.Status == BackupStatus.Available
                && db.Jobs.Any(j => j.Id == jobId && j.State == JobState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ProgressOperation, VerifyOperation)
                .SetProperty(b => b.ProgressBytesDone, bytesDone)
                .SetProperty(b => b.ProgressBytesTotal, bytesTotal), ct) == 1;

    /// <summary>Records a verdict (<see cref="BackupVerification"/>) and its report; clears the verify progress. False when gone or deleting.</summary>
    public async Task<bool> TryRecordAsync(long backupId, string verdict, string report, CancellationToken ct)
    {
        if (!BackupVerification.All.Contains(verdict))
        {
            throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Not a verification verdict.");
        }

        var now = time.GetUtcNow();
        return await db.Backups
            .Where(b => b.Id == backupId && b.Status != BackupStatus.Deleting)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Verification, verdict)
                .SetProperty(b => b.VerifiedAt, now)
                .SetProperty(b => b.VerificationReport, report)
                .SetProperty(b => b.ProgressOperation, b => b.ProgressOperation == VerifyOperation ? null : b.ProgressOperation), ct) == 1;
    }

    /// <summary>Clears the progress a verification showed (it failed or was cancelled); the verdict stays as it was.</summary>
    public async Task ClearProgressAsync(long backupId, CancellationToken ct) =>
        await db.Backups
            .Where(b => b.Id == backupId && b.ProgressOperation == VerifyOperation)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ProgressOperation, (string?)null), ct);

    /// <summary>
    /// The scrub's candidates in <paramref name="container"/> of <paramref name="tenantId"/>: available backups not
    /// verified since <paramref name="verifiedBefore"/>, never-verified first, then the least recently verified.
    /// </summary>
    public Task<List<long>> ListStaleAsync(
        string tenantId, string container, DateTimeOffset verifiedBefore, int limit, CancellationToken ct) =>
        db.Backups.AsNoTracking()
            .Where(b => b.TenantId == tenantId && b.Container == container && b.Status == BackupStatus.Available
                && (b.VerifiedAt == null || b.VerifiedAt < verifiedBefore))
            .OrderBy(b => b.VerifiedAt != null).ThenBy(b => b.VerifiedAt).ThenBy(b => b.Id)
            .Select(b => b.Id)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>Every (tenant, container) with available backups, and how many each holds: what the scrub shares out.</summary>
    public async Task<List<(string TenantId, string Container, int Count)>> CountAvailableByContainerAsync(CancellationToken ct) =>
        [.. (await db.Backups.AsNoTracking()
            .Where(b => b.Status == BackupStatus.Available)
            .GroupBy(b => new { b.TenantId, b.Container })
            .Select(g => new { g.Key.TenantId, g.Key.Container, Count = g.Count() })
            .ToListAsync(ct))
            .Select(g => (g.TenantId, g.Container, g.Count))];
}

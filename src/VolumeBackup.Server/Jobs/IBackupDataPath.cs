using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// What the job handlers need from the data path: move a volume's bytes into a container, back out, and delete what a
/// backup alone owns. Failures the user should read are <see cref="JobFailedException"/>; store and volume failures
/// propagate as they are (the worker words them, see <see cref="FailReasons"/>).
/// </summary>
internal interface IBackupDataPath
{
    /// <summary>
    /// Writes backup <paramref name="backup"/> of <paramref name="source"/> into <paramref name="store"/>; returns what it did
    /// (objects the backup refers to, bytes it added and covers). Safe to run again for the same backup after a crash (it resumes or redoes).
    /// <paramref name="index"/> is the block index of <paramref name="store"/>'s container (null: none).
    /// <paramref name="owner"/> (the job) owns its container locks: with one, a sweep in the container makes it throw
    /// <see cref="ContainerBusyException"/> instead of waiting; so does <see cref="DeleteAsync"/>. <paramref name="locks"/>
    /// keeps the container's locks (null: as objects in the container).
    /// </summary>
    Task<BackupResult> BackupAsync(
        VolumeHandle source, IObjectStore store, IBlockIndex? index, BackupDescriptor backup, IProgress<JobProgress> progress,
        ILockOwner? owner, IContainerLockStore? locks, CancellationToken ct);

    /// <summary>Writes every byte of the backup onto <paramref name="target"/>. Safe to run again after a crash.</summary>
    Task RestoreAsync(
        IObjectStore store, string backupId, VolumeHandle target, IProgress<JobProgress> progress, ILockOwner? owner, IContainerLockStore? locks,
        CancellationToken ct);

    /// <summary>
    /// Reads back and checks every block of the backup, writing nothing; damage is in the result, not an exception. A
    /// missing root is damage too (the result lists its key). Store failures propagate as they are.
    /// </summary>
    Task<VerifyResult> VerifyAsync(
        IObjectStore store, string backupId, IProgress<JobProgress> progress, ILockOwner? owner, IContainerLockStore? locks, CancellationToken ct);

    /// <summary>
    /// Removes the backup's objects that no other backup needs, keeping <paramref name="index"/> (the block index of
    /// <paramref name="store"/>'s container, or null) in step. Idempotent: a missing backup is already deleted.
    /// </summary>
    Task DeleteAsync(
        IObjectStore store, IBlockIndex? index, string backupId, ILockOwner? owner, IContainerLockStore? locks, CancellationToken ct);
}

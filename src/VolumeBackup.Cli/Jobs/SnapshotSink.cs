using VolumeBackup.Client.Jobs;

namespace VolumeBackup.Cli.Jobs;

/// <summary>
/// Reports synchronously on the polling thread. <see cref="Progress{T}"/> would post to the thread pool (a console
/// has no synchronization context), so two snapshots could render out of order.
/// </summary>
internal sealed class SnapshotSink(Action<JobSnapshot> onSnapshot) : IProgress<JobSnapshot>
{
    public static readonly SnapshotSink Ignore = new(_ => { });

    public void Report(JobSnapshot value) => onSnapshot(value);
}

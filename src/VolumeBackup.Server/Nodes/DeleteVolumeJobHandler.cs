using VolumeBackup.Domain;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Server.Nodes;

/// <summary>
/// Deletes a volume of this node that another node's API was asked to delete (status <c>deleting</c>): its kept
/// snapshots and its bytes (never an adopted device's), then its row. Failure: <c>error</c> with the reason.
/// </summary>
internal sealed class DeleteVolumeJobHandler(VolumeStore volumes, IVolumeDriver driver, IVolumeSnapshots snapshots) : IJobHandler
{
    public const string DriverFailed = "The volume driver could not delete the volume.";

    public string Kind => JobKind.DeleteVolume;

    public string Operation => "volume deletion";

    public async Task RunAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var volume = await volumes.FindByIdAsync(execution.Job.VolumeId ?? 0, ct);
        if (volume is not { Status: VolumeStatus.Deleting })
        {
            await execution.CompleteAsync(_ => Task.CompletedTask, ct);
            return;
        }

        try
        {
            snapshots.DeleteAll(volume.Location());
            if (volume.ManagedPath is null)
            {
                await driver.DeleteAsync(RouteIds.Format(volume.Id), ct);
            }
        }
        catch (IOException e)
        {
            throw new JobFailedException(DriverFailed, e);
        }

        await execution.CompleteAsync(c => volumes.RemoveDeletingAsync(volume.Id, c), ct);
    }

    public async Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.VolumeId is { } id)
        {
            await volumes.TryTransitionAsync(id, [VolumeStatus.Deleting], VolumeStatus.Error, ct, reason);
        }
    }
}

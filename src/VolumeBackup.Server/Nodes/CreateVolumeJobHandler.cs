using VolumeBackup.Domain;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Nodes;

/// <summary>
/// Makes a volume placed on this node by another node's API: its bytes through the local driver, then
/// <c>creating</c> -> <c>available</c>. Failure: <c>error</c> with the reason. Creating is idempotent, so a resumed job
/// finds the file made.
/// </summary>
internal sealed class CreateVolumeJobHandler(VolumeStore volumes, IVolumeDriver driver) : IJobHandler
{
    public const string DriverFailed = "The volume driver could not create the volume.";

    public string Kind => JobKind.CreateVolume;

    public string Operation => "volume creation";

    public async Task RunAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var volume = await volumes.FindByIdAsync(execution.Job.VolumeId ?? 0, ct);
        if (volume is not { Status: VolumeStatus.Creating })
        {
            await execution.CompleteAsync(_ => Task.CompletedTask, ct); // gone or ended meanwhile
            return;
        }

        try
        {
            await driver.CreateAsync(RouteIds.Format(volume.Id), volume.SizeBytes, ct);
        }
        catch (IOException e)
        {
            throw new JobFailedException(DriverFailed, e);
        }

        await execution.CompleteAsync(c => volumes.TryTransitionAsync(volume.Id, [VolumeStatus.Creating], VolumeStatus.Available, c), ct);
    }

    public async Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.VolumeId is { } id)
        {
            await volumes.TryTransitionAsync(id, [VolumeStatus.Creating], VolumeStatus.Error, ct, reason);
        }
    }
}

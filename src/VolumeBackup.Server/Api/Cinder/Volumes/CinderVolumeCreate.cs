using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VolumeBackup.Contracts.Cinder.Volumes;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Operations.Backups;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// <c>POST /v3/{project_id}/volumes</c>: an empty volume through <see cref="VolumeService"/>, or (3.47, <c>backup_id</c>)
/// a new volume restored from a backup through the very restore the backups resource starts. 202 with the full volume.
/// </summary>
internal static class CinderVolumeCreate
{
    public static async Task<Accepted<CinderVolumeEnvelope>> CreateAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeService service, BackupService backups,
        BackupStore backupStore, VolumeStore volumes, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "volume", ct);
        var parsed = CreateCinderVolumeParser.Parse(body, version, options.Value.MaxVolumeSizeGb);
        var volume = parsed.BackupId is { } backupId
            ? await FromBackupAsync(parsed, backupId, tenant, service, backups, backupStore, volumes, ct)
            : await service.CreateAsync(tenant.TenantId, tenant.Caller.User, parsed.Volume, ct);
        var view = CinderVolumeViews.Detail(volume, version, tenant.IsAdmin, new CinderLinks(request));
        return TypedResults.Accepted((string?)null, new CinderVolumeEnvelope(view));
    }

    private static async Task<Volume> FromBackupAsync(
        CinderNewVolume parsed, Guid backupId, TenantContext tenant, VolumeService service, BackupService backups,
        BackupStore backupStore, VolumeStore volumes, CancellationToken ct)
    {
        var backup = await backupStore.FindByUuidAsync(tenant.TenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(backupId.ToString("D"))));
        if (parsed.SizeGb is { } size && size != backup.SizeGb)
        {
            // The restore makes a volume of the backup's size; a larger one is not made here, a smaller one cannot hold it.
            throw new FaultException(Fault.BadRequest(FaultMessages.InvalidField("size", $"must be the backup's size, {backup.SizeGb}, or left out")));
        }

        service.EnsureAvailabilityZone(parsed.Volume.AvailabilityZone);
        var target = await backups.RestoreAsync(tenant.TenantId, backup.Id, null, ct, parsed.Volume.DisplayName);
        if (parsed.Volume.DisplayDescription is not null || parsed.Volume.Metadata.Count > 0)
        {
            // The restore names the new volume; what else the request describes is set on it right after.
            return await service.UpdateAsync(tenant.TenantId, target.Id, new VolumeDescription
            {
                SetDescription = true,
                Description = parsed.Volume.DisplayDescription,
                Metadata = parsed.Volume.Metadata,
            }, ct);
        }

        return await volumes.FindAsync(tenant.TenantId, target.Id, ct) ?? target;
    }
}

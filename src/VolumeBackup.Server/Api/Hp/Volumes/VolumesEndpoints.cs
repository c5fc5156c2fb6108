using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>
/// Nova's os-volumes extension: <c>/v1.1/{tenant_id}/os-volumes</c> list, detail, show, create, delete; and the admin
/// actions of <see cref="VolumeActionsEndpoint"/>.
/// </summary>
internal static class VolumesEndpoints
{
    public static void MapVolumes(this RouteGroupBuilder tenant)
    {
        var group = tenant.MapGroup("/os-volumes");
        group.MapRead("", ListAsync).RequirePolicy(AccessPolicies.VolumeGetAll);
        group.MapRead("/detail", ListAsync).RequirePolicy(AccessPolicies.VolumeGetAll);
        group.MapRead("/{volume_id}", ShowAsync).RequirePolicy(AccessPolicies.VolumeGet);
        group.MapPost("", CreateAsync).RequirePolicy(AccessPolicies.VolumeCreate).DescribesBody<CreateVolumeRequest>("volume");
        group.MapDelete("/{volume_id}", DeleteAsync).RequirePolicy(AccessPolicies.VolumeDelete);
        group.MapPost("/{volume_id}/action", VolumeActionsEndpoint.PostAsync).RequireActionPolicies(VolumeActionsEndpoint.Policies)
            .DescribesActions(VolumeActionsEndpoint.Bodies);
    }

    private static async Task<Ok<VolumesEnvelope>> ListAsync(
        TenantContext tenant, VolumeStore volumes, IVolumeDriver driver, CancellationToken ct)
    {
        var list = await volumes.ListAsync(tenant.TenantId, ct);
        return TypedResults.Ok(new VolumesEnvelope([.. list.Select(v => VolumeViews.ToDetail(v, tenant.IsAdmin, driver))]));
    }

    private static async Task<Ok<VolumeEnvelope>> ShowAsync(
        [FromRoute(Name = "volume_id")] string volumeId, TenantContext tenant, VolumeStore volumes, IVolumeDriver driver, CancellationToken ct)
    {
        var volume = RouteIds.TryParse(volumeId, out var id) ? await volumes.FindAsync(tenant.TenantId, id, ct) : null;
        return volume is null
            ? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(volumeId)))
            : TypedResults.Ok(new VolumeEnvelope(VolumeViews.ToDetail(volume, tenant.IsAdmin, driver)));
    }

    private static async Task<Ok<VolumeEnvelope>> CreateAsync(
        HttpRequest request, TenantContext tenant, VolumeService service, IVolumeDriver driver,
        IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "volume", ct);
        var parsed = CreateVolumeParser.Parse(body, options.Value.MaxVolumeSizeGb);
        var volume = await service.CreateAsync(tenant.TenantId, tenant.Caller.User, parsed, ct);
        return TypedResults.Ok(new VolumeEnvelope(VolumeViews.ToDetail(volume, tenant.IsAdmin, driver)));
    }

    private static async Task<Accepted> DeleteAsync(
        [FromRoute(Name = "volume_id")] string volumeId, TenantContext tenant, VolumeService service, CancellationToken ct)
    {
        if (!RouteIds.TryParse(volumeId, out var id))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(volumeId)));
        }

        await service.DeleteAsync(tenant.TenantId, id, ct);
        return TypedResults.Accepted((string?)null); // no Location: the volume is gone, nothing to poll
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>
/// The HP surface's admin actions on adopted volumes: <c>POST /v1.1/{tenant_id}/os-volumes/manage</c> adopts a block
/// device or file of this node (200 with the volume, as create answers), <c>POST /v1.1/{tenant_id}/os-volumes/{volume_id}/unmanage</c>
/// releases one (202), both over <see cref="VolumeManagement"/> as Cinder's routes are.
/// </summary>
internal static class ManageEndpoints
{
    public static void MapVolumeManagement(this RouteGroupBuilder tenant)
    {
        var group = tenant.MapGroup("/os-volumes");
        group.MapPost("/manage", ManageAsync).RequirePolicy(AccessPolicies.VolumeManage);
        group.MapPost("/{volume_id}/unmanage", UnmanageAsync).RequirePolicy(AccessPolicies.VolumeUnmanage);
    }

    private static async Task<Ok<VolumeEnvelope>> ManageAsync(
        HttpRequest request, TenantContext tenant, VolumeManagement management, IVolumeDriver driver, CancellationToken ct)
    {
        var parsed = ManageVolumeParser.Parse(await JsonBody.ReadObjectAsync(request, "volume", ct));
        var volume = await management.ManageAsync(tenant.TenantId, tenant.Caller.User, parsed, ct);
        return TypedResults.Ok(new VolumeEnvelope(VolumeViews.ToDetail(volume, tenant.IsAdmin, driver)));
    }

    private static async Task<Accepted> UnmanageAsync(
        [FromRoute(Name = "volume_id")] string volumeId, TenantContext tenant, VolumeManagement management, CancellationToken ct)
    {
        if (!RouteIds.TryParse(volumeId, out var id))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(volumeId)));
        }

        await management.UnmanageAsync(tenant.TenantId, id, ct);
        return TypedResults.Accepted((string?)null);
    }
}

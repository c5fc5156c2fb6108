using Microsoft.AspNetCore.Http.HttpResults;
using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>
/// The HP surface's "manage existing": <c>POST /v1.1/{tenant_id}/os-volumes/manage</c> adopts a block device or file of
/// this node (200 with the volume, as create answers), over <see cref="VolumeManagement"/> as Cinder's routes are. The
/// release is the admin action <c>os-unmanage</c> (<see cref="VolumeActionsEndpoint"/>).
/// </summary>
internal static class ManageEndpoints
{
    public static void MapVolumeManagement(this RouteGroupBuilder tenant)
    {
        var group = tenant.MapGroup("/os-volumes");
        group.MapPost("/manage", ManageAsync).RequirePolicy(AccessPolicies.VolumeManage).DescribesBody<ManageVolumeRequest>("volume");
    }

    private static async Task<Ok<VolumeEnvelope>> ManageAsync(
        HttpRequest request, TenantContext tenant, VolumeManagement management, IVolumeDriver driver, CancellationToken ct)
    {
        var parsed = ManageVolumeParser.Parse(await JsonBody.ReadObjectAsync(request, "volume", ct));
        var volume = await management.ManageAsync(tenant.TenantId, tenant.Caller.User, parsed, ct);
        return TypedResults.Ok(new VolumeEnvelope(VolumeViews.ToDetail(volume, tenant.IsAdmin, driver)));
    }
}

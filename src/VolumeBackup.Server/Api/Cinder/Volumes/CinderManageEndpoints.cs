using Microsoft.AspNetCore.Http.HttpResults;
using VolumeBackup.Contracts.Cinder.Volumes;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Cinder's "manage existing" (admin): <c>POST /v3/{project_id}/manageable_volumes</c> and the older
/// <c>POST /v3/{project_id}/os-volume-manage</c> that cinderclient still sends, both 202 with the new volume. Unmanage
/// is the <c>os-unmanage</c> volume action (<see cref="CinderVolumeActions"/>). The rules are in <see cref="VolumeManagement"/>.
/// </summary>
internal static class CinderManageEndpoints
{
    public static void MapCinderManage(this RouteGroupBuilder project)
    {
        project.MapPost("/manageable_volumes", ManageAsync).RequirePolicy(AccessPolicies.VolumeManage)
            .DescribesBody<CinderManageVolumeRequest>("volume");
        project.MapPost("/os-volume-manage", ManageAsync).RequirePolicy(AccessPolicies.VolumeManage)
            .DescribesBody<CinderManageVolumeRequest>("volume");
    }

    private static async Task<Accepted<CinderVolumeEnvelope>> ManageAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeManagement management, CancellationToken ct)
    {
        var parsed = ManageCinderVolumeParser.Parse(await JsonBody.ReadObjectAsync(request, "volume", ct));
        var volume = await management.ManageAsync(tenant.TenantId, tenant.Caller.User, parsed, ct);
        var view = CinderVolumeViews.Detail(volume, version, tenant.IsAdmin, new CinderLinks(request));
        return TypedResults.Accepted((string?)null, new CinderVolumeEnvelope(view));
    }
}

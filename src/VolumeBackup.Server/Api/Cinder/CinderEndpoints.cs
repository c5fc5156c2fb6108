using VolumeBackup.Server.Api.Cinder.Backups;
using VolumeBackup.Server.Api.Cinder.Quotas;
using VolumeBackup.Server.Api.Cinder.Services;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Cinder.Volumes;
using VolumeBackup.Server.Api.Policies;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Server.Api.Cinder;

/// <summary>
/// Cinder's v3 block-storage API over the same operations as the HP surface: version discovery at <c>/</c> and
/// <c>/v3/</c> (no token), the resources under <c>/v3/{project_id}</c>, and the same resources under <c>/v3</c>
/// without a project from microversion 3.67 on.
/// </summary>
internal static class CinderEndpoints
{
    public const string Root = "/v3";

    public static IEndpointRouteBuilder MapCinder(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapVersionDiscovery();

        var project = endpoints.MapGroup(Root + "/{" + TenantScopedEndpoint.TenantRouteValue + "}")
            .WithMetadata(TenantScopedEndpoint.Instance, CinderEndpoint.Instance)
            .AddEndpointFilter<CinderQuotaFaults>();
        MapResources(project);

        var projectless = endpoints.MapGroup(Root)
            .WithMetadata(TenantScopedEndpoint.Instance, CinderEndpoint.Instance, ProjectFromTokenEndpoint.Instance)
            .AddEndpointFilter<CinderQuotaFaults>();
        MapResources(projectless);
        return endpoints;
    }

    private static void MapResources(RouteGroupBuilder group)
    {
        group.MapCinderVolumes();
        group.MapCinderManage();
        group.MapCinderBackups();
        group.MapCinderPolicies();
        group.MapCinderQuotas();
        group.MapCinderServices();
    }
}

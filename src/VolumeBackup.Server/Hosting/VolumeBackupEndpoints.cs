using VolumeBackup.Server.Api.Backups;
using VolumeBackup.Server.Api.Health;
using VolumeBackup.Server.Api.Volumes;

namespace VolumeBackup.Server.Hosting;

public static class VolumeBackupEndpoints
{
    /// <summary>The tenant-scoped API root; the token middleware guards everything under it.</summary>
    public const string ApiRoot = "/v1.1";

    /// <summary>Maps every endpoint: health, then the tenant APIs under <c>/v1.1/{tenant_id}</c>.</summary>
    public static IEndpointRouteBuilder MapVolumeBackup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealth();
        var tenant = endpoints.MapGroup(ApiRoot + "/{tenant_id}");
        tenant.MapVolumes();
        tenant.MapBackups();
        return endpoints;
    }
}

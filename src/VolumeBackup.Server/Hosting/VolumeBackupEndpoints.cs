using VolumeBackup.Server.Api.Cinder;
using VolumeBackup.Server.Api.Hp.Backups;
using VolumeBackup.Server.Api.Health;
using VolumeBackup.Server.Api.Hp.Volumes;
using VolumeBackup.Server.Api.Hp.Hosts;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Api.Policies;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Telemetry;

namespace VolumeBackup.Server.Hosting;

internal static class VolumeBackupEndpoints
{
    /// <summary>The tenant-scoped API root; every endpoint under it is marked <see cref="TenantScopedEndpoint"/>.</summary>
    public const string ApiRoot = "/v1.1";

    /// <summary>Read routes answer HEAD like GET, without the body (RFC 9110, section 9.3.2).</summary>
    public static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps health, and on an API node (<paramref name="roles"/>) the HP tenant APIs under <c>/v1.1/{tenant_id}</c>, then
    /// the Cinder v3 surface and the OpenAPI documents. A worker-only node answers health checks and metrics (when
    /// <see cref="TelemetryOptions.Metrics"/> is on) and 404 to everything else.
    /// </summary>
    public static IEndpointRouteBuilder MapVolumeBackup(this IEndpointRouteBuilder endpoints, NodeRoles roles, TelemetryOptions telemetry)
    {
        endpoints.MapHealth();
        endpoints.MapMetrics(telemetry);
        if (!roles.Api)
        {
            return endpoints;
        }

        endpoints.MapApiDocuments();
        var tenant = endpoints.MapGroup(ApiRoot + "/{" + TenantScopedEndpoint.TenantRouteValue + "}")
            .WithMetadata(TenantScopedEndpoint.Instance);
        tenant.MapVolumes();
        tenant.MapVolumeManagement();
        tenant.MapBackups();
        tenant.MapBackupVerify();
        tenant.MapPolicies();
        tenant.MapHosts();
        endpoints.MapCinder();
        return endpoints;
    }

    /// <summary>Maps a read route for GET and HEAD.</summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapMethods(pattern, ReadMethods, handler);
}

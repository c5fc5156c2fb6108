using Microsoft.AspNetCore.Http.HttpResults;
using VolumeBackup.Contracts.Health;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Api.Faults;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Api.Health;

/// <summary>
/// <c>GET /healthz</c> (no token): 200 when the database answers, the volumes directory is writable and the configured
/// object store (filesystem or Swift, through its provider's probe) is reachable, writable and not full; else 503
/// with <c>Retry-After</c>.
/// <c>storage</c> names the first problem: <c>not writable</c>, <c>full</c>, <c>unreachable</c> or <c>access denied</c>.
/// </summary>
internal static class HealthEndpoint
{
    private static readonly TimeSpan ProbeAgainAfter = TimeSpan.FromSeconds(10);

    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapRead("/healthz", CheckAsync).ExcludeFromDescription(); // an operations route, in neither API document

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        VolumeBackupDbContext db, DataDirectory data, IObjectStoreProvider stores, ILoggerFactory loggers, HttpResponse response,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger("VolumeBackup.Health");
        var database = await db.Database.CanConnectAsync(ct) ? "ok" : "unreachable";
        var storage = "ok";
        try
        {
            var probe = Path.Combine(data.Volumes, ".healthz");
            await File.WriteAllBytesAsync(probe, [], ct);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.VolumesDirectoryNotWritable(e);
            storage = "not writable";
        }

        if (storage == "ok" && stores is IObjectStoreProbe store)
        {
            var health = await store.ProbeAsync(ct);
            if (!health.IsHealthy)
            {
                logger.ObjectStoreNotReady(health.Word);
                storage = health.Word;
            }
        }

        var healthy = database == "ok" && storage == "ok";
        var report = new HealthReport(healthy ? "ok" : "unavailable", database, storage);
        if (!healthy)
        {
            // A full store needs an operator; an unreachable one is usually back within a few probes.
            response.Headers.RetryAfter = FaultWriter.RetryAfterValue(storage == ObjectStoreHealth.Full.Word ? RetryAfterHints.StorageFull : ProbeAgainAfter);
        }

        return healthy
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

using VolumeBackup.Persistence;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Api.Health;

/// <summary><c>GET /healthz</c> (no token): 200 when the database answers and the data directory is writable, else 503.</summary>
internal static class HealthEndpoint
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints) => endpoints.MapRead("/healthz", CheckAsync);

    private static async Task<IResult> CheckAsync(VolumeBackupDbContext db, DataDirectory data, ILoggerFactory loggers, CancellationToken ct)
    {
        var database = await db.Database.CanConnectAsync(ct) ? "ok" : "unreachable";
        var storage = "ok";
        try
        {
            foreach (var directory in (string[])[data.Volumes, data.Objects])
            {
                var probe = Path.Combine(directory, ".healthz");
                await File.WriteAllBytesAsync(probe, [], ct);
                File.Delete(probe);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            loggers.CreateLogger("VolumeBackup.Health").LogWarning(e, "Storage is not writable");
            storage = "not writable";
        }

        var healthy = database == "ok" && storage == "ok";
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["status"] = healthy ? "ok" : "unavailable",
            ["database"] = database,
            ["storage"] = storage,
        };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

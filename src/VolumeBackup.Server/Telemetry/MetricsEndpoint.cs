using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text exposition, on every node (api and worker alike), without a token and
/// outside the tenant routes, like <c>/healthz</c>. Nothing in it names a tenant, a volume or a backup.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void MapMetrics(this IEndpointRouteBuilder endpoints, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Metrics)
        {
            return;
        }

        // The gauges exist once something asks for them: create them now, before the first scrape.
        endpoints.ServiceProvider.GetRequiredService<JobQueueGauges>();
        endpoints.MapPrometheusScrapingEndpoint(Path).ExcludeFromDescription();
    }
}

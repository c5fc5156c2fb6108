using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The service's meter and job spans, always (recording costs next to nothing when nobody listens); the OpenTelemetry
    /// SDK's Prometheus exporter when <see cref="TelemetryOptions.Metrics"/> is on; an OTLP trace exporter when
    /// <see cref="TelemetryOptions.OtlpEndpoint"/> is set.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, VolumeBackupOptions node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var options = node.Telemetry;
        services.AddMetrics();
        services.AddSingleton<VolumeBackupMetrics>();
        services.AddSingleton<JobQueueGauges>();
        if (!options.Metrics && string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("volumebackup", serviceInstanceId: node.NodeHost));
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(ObjectStoreMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(JobTracing.SourceName)
                .AddAspNetCoreInstrumentation(a => a.Filter = http => !IsScrape(http.Request.Path))
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = new Uri(options.OtlpEndpoint);
                    otlp.Protocol = options.OtlpProtocol == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                }));
        }

        return services;
    }

    private static bool IsScrape(PathString path) => path.StartsWithSegments(MetricsEndpoint.Path) || path.StartsWithSegments("/healthz");
}

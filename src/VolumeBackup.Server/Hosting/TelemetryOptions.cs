namespace VolumeBackup.Server.Hosting;

/// <summary>Metrics and traces (section <c>VolumeBackup:Telemetry</c>).</summary>
internal sealed class TelemetryOptions
{
    /// <summary>Serve the Prometheus text exposition at <c>GET /metrics</c> (no token), on every node.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Where to send the jobs' spans over OTLP (e.g. <c>http://127.0.0.1:4317</c> for gRPC, or <c>.../v1/traces</c> with
    /// <see cref="OtlpProtocol"/> <c>http</c>); empty = traces are not exported.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http</c> (OTLP over HTTP with protobuf).</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}

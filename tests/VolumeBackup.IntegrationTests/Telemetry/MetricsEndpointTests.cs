using System.Net;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Telemetry;

/// <summary><c>GET /metrics</c>: Prometheus text without a token, on api and worker-only nodes; off by setting.</summary>
public sealed class MetricsEndpointTests
{
    [Theory]
    [InlineData("api,worker")]
    [InlineData("worker")]
    public async Task Metrics_answer_without_a_token_in_prometheus_text_with_the_queue_gauges(string roles)
    {
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = BackupServerFixture.Settings(("VolumeBackup:Roles", roles)),
        });
        using var client = server.CreateClient(token: null);
        client.DefaultRequestHeaders.Accept.Clear();

        using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE volumebackup_jobs_queued gauge", text, StringComparison.Ordinal);
        Assert.Contains("volumebackup_jobs_queued{", text, StringComparison.Ordinal);
        Assert.Contains("kind=\"create_backup\"", text, StringComparison.Ordinal);
        Assert.Contains("volumebackup_jobs_oldest_queued_age_seconds{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_off_by_setting_answer_404()
    {
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = BackupServerFixture.Settings(("VolumeBackup:Telemetry:Metrics", "false")),
        });
        using var client = server.CreateClient(token: null);

        using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using System.Net;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>
/// The server's own data directory (its SQLite database, the volume files) on a real disk that fills up: requests that
/// need to write answer 503 in the spec's fault format, never 500.
/// </summary>
public sealed class DataDirectoryFullTests
{
    [Fact]
    public async Task Creating_a_volume_or_a_backup_on_a_full_data_disk_answers_503_not_500()
    {
        using var disk = new SmallFilesystem(64 << 20);
        await using var server = await TestServer.StartAsync(dataDirectory: disk.Path);
        using var client = server.CreateClient(server.Tokens.Admin);
        var tenant = "full-disk";
        using var made = await client.PostRawAsync($"v1.1/{tenant}/os-volumes", """{"volume": {"size": 1}}""");
        var volumeId = (await ApiAssert.OkJsonAsync(made)).GetProperty("volume").GetProperty("id").GetString();

        disk.Fill();
        using var volume = await client.PostRawAsync($"v1.1/{tenant}/os-volumes", """{"volume": {"size": 1}}""");
        using var backup = await client.PostRawAsync($"v1.1/{tenant}/hp-volume-backups", "{\"backup\": {\"volume_id\": \"" + volumeId + "\"}}");

        foreach (var response in new[] { volume, backup })
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
            Assert.Equal(
                """{"serviceUnavailable":{"message":"The service has no room left to record the request, please try again later.","code":503}}""",
                body);
            Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        }
    }
}

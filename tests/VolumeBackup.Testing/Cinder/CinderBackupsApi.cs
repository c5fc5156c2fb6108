using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;
using Xunit;

namespace VolumeBackup.Testing.Cinder;

/// <summary>
/// The Cinder v3 backup (and volume) calls tests make for one project, through real HTTP, with a chosen microversion.
/// Volumes are created through the Cinder surface; their bytes are reached through the HP surface's device path (the
/// admin view shows it), the volume's HP id being looked up in the server's database.
/// </summary>
public sealed class CinderBackupsApi(TestServer server, HttpClient client, string project)
{
    public string Project => project;

    public HttpClient Client => client;

    public string Backups => $"v3/{project}/backups";

    /// <summary>
    /// The HP surface for the same project, on the static admin token (device paths, HP-side backups); made on first use,
    /// as a server in Keystone mode has no static tokens.
    /// </summary>
    public BackupApi Hp => field ??= new(server.CreateClient(server.Tokens.Admin), project);

    public static CinderBackupsApi Admin(TestServer server, string? project = null) =>
        new(server, server.CreateClient(server.Tokens.Admin), project ?? BackupApi.NewTenant("c"));

    /// <summary>The demo token's own project: a member, not an admin.</summary>
    public static CinderBackupsApi Member(TestServer server) => new(server, server.CreateClient(server.Tokens.Demo), "demo");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? version = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (version is not null)
        {
            request.Headers.Add("OpenStack-API-Version", "volume " + version);
        }

        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? version = null) => SendAsync(HttpMethod.Get, path, null, version);

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? version = null) => SendAsync(HttpMethod.Post, path, json, version);

    /// <summary>Creates a volume through Cinder; returns its UUID once it is available.</summary>
    public async Task<string> CreateVolumeAsync(int sizeGb = 1)
    {
        var body = await JsonAsync(await PostAsync($"v3/{project}/volumes", $"{{\"volume\": {{\"size\": {sizeGb}}}}}"), HttpStatusCode.Accepted);
        var id = body.GetProperty("volume").GetProperty("id").GetString()!;
        await WaitForVolumeStatusAsync(id, "available");
        return id;
    }

    /// <summary>The HP id of the volume a Cinder UUID names.</summary>
    public async Task<string> HpVolumeIdAsync(string volumeUuid)
    {
        using var scope = server.Services.CreateScope();
        var volume = await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindByUuidAsync(Guid.Parse(volumeUuid), CancellationToken.None);
        return volume!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The Cinder UUID of the volume an HP id names.</summary>
    public async Task<string> VolumeUuidAsync(string hpVolumeId)
    {
        using var scope = server.Services.CreateScope();
        var volume = await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindAsync(project, long.Parse(hpVolumeId, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        return volume!.Uuid.ToString("D");
    }

    /// <summary>Sends a volume action (<c>os-reserve</c>, <c>os-attach</c>...) through Cinder and expects its 202.</summary>
    public async Task VolumeActionAsync(string volumeUuid, string json) =>
        await ExpectStatusAsync(await PostAsync($"v3/{project}/volumes/{volumeUuid}/action", json), HttpStatusCode.Accepted);

    /// <summary>The volume's file, for writing and hashing its bytes.</summary>
    public async Task<string> DevicePathAsync(string volumeUuid) => await Hp.DevicePathAsync(await HpVolumeIdAsync(volumeUuid));

    public async Task<JsonElement> VolumeAsync(string volumeUuid) =>
        (await JsonAsync(await GetAsync($"v3/{project}/volumes/{volumeUuid}"), HttpStatusCode.OK)).GetProperty("volume");

    public Task<HttpResponseMessage> PostBackupAsync(string json, string? version = null) => PostAsync(Backups, json, version);

    /// <summary>Starts a backup; returns its UUID.</summary>
    public async Task<string> CreateBackupAsync(string volumeUuid, string? container = null, string extra = "", string? version = null)
    {
        var containerField = container is null ? string.Empty : $", \"container\": \"{container}\"";
        var body = await JsonAsync(
            await PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volumeUuid}\"{containerField}{extra}}}}}", version), HttpStatusCode.Accepted);
        return body.GetProperty("backup").GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> ShowAsync(string backupId, string? version = null) =>
        (await JsonAsync(await GetAsync($"{Backups}/{backupId}", version), HttpStatusCode.OK)).GetProperty("backup");

    /// <summary>Starts a restore; returns the <c>restore</c> object of the 202.</summary>
    public async Task<JsonElement> RestoreAsync(string backupId, string? volumeUuid = null, string? name = null)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?> { ["restore"] = new Dictionary<string, string?> { ["volume_id"] = volumeUuid, ["name"] = name } });
        return (await JsonAsync(await PostAsync($"{Backups}/{backupId}/restore", json), HttpStatusCode.Accepted)).GetProperty("restore");
    }

    public Task<HttpResponseMessage> DeleteBackupAsync(string backupId) => SendAsync(HttpMethod.Delete, $"{Backups}/{backupId}");

    public Task<JsonElement> WaitForBackupStatusAsync(string backupId, string status) =>
        WaitAsync($"Backup {backupId}", () => ShowAsync(backupId), b =>
        {
            var current = b.GetProperty("status").GetString();
            Assert.False(current == "error" && status != "error", $"Backup {backupId} failed: {b.GetRawText()}");
            return current == status;
        });

    /// <summary>Waits for <paramref name="status"/>; fails at once on an unexpected error status.</summary>
    public Task<JsonElement> WaitForVolumeStatusAsync(string volumeUuid, string status) =>
        WaitAsync($"Volume {volumeUuid}", () => VolumeAsync(volumeUuid), v =>
        {
            var current = v.GetProperty("status").GetString();
            Assert.False(current != status && current is "error" or "error_restoring", $"Volume {volumeUuid} failed: {v.GetRawText()}");
            return current == status;
        });

    /// <summary>Waits until show answers 404 (the delete job removed the row).</summary>
    public async Task WaitUntilGoneAsync(string backupId)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            using var response = await GetAsync($"{Backups}/{backupId}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            Assert.False(body.Contains("\"error\"", StringComparison.Ordinal), $"Delete of backup {backupId} failed: {body}");
            Assert.True(DateTime.UtcNow < deadline, $"Backup {backupId} was not deleted: {body}");
            await Task.Delay(100);
        }
    }

    /// <summary>Asserts the status and returns the parsed body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static async Task ExpectStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
    }

    private static async Task<JsonElement> WaitAsync(string what, Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not reach the expected state: {value.GetRawText()}");
            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Text.Json;
using VolumeBackup.Testing.Servers;
using Xunit;

namespace VolumeBackup.Testing.Backups;

/// <summary>
/// The backup and volume calls tests make, for one tenant, through real HTTP. Built on an admin client so that the
/// volume view shows the device path (tests write and compare volume bytes there); the tenant is in the URL.
/// </summary>
public sealed class BackupApi(HttpClient admin, string tenant)
{
    /// <summary>How long a test waits for a job to finish before it fails: generous, jobs here take seconds.</summary>
    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    public string Tenant => tenant;

    public HttpClient Client => admin;

    public string Backups => $"v1.1/{tenant}/hp-volume-backups";

    /// <summary>A fresh tenant name, so that a test sees only its own resources.</summary>
    public static string NewTenant(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..20];

    public async Task<string> CreateVolumeAsync(int sizeGb)
    {
        var body = await ApiAssert.OkJsonAsync(await admin.PostRawAsync($"v1.1/{tenant}/os-volumes", $"{{\"volume\": {{\"size\": {sizeGb}}}}}"));
        return body.GetProperty("volume").GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> VolumeAsync(string volumeId) =>
        (await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"v1.1/{tenant}/os-volumes/{volumeId}"))).GetProperty("volume");

    public async Task<string> DevicePathAsync(string volumeId) => (await VolumeAsync(volumeId)).GetProperty("devicePath").GetString()!;

    public Task<HttpResponseMessage> PostBackupAsync(string json) => admin.PostRawAsync(Backups, json);

    public Task<HttpResponseMessage> PostRestoreAsync(string backupId, string json) => admin.PostRawAsync($"{Backups}/{backupId}/restore", json);

    public Task<HttpResponseMessage> DeleteBackupAsync(string backupId) => admin.DeletePathAsync($"{Backups}/{backupId}");

    /// <summary>Starts a backup; returns its id.</summary>
    public async Task<string> CreateBackupAsync(string volumeId, string? container = null)
    {
        var containerField = container is null ? string.Empty : $", \"container\": \"{container}\"";
        var body = await ApiAssert.OkJsonAsync(await PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volumeId}\"{containerField}}}}}"));
        return body.GetProperty("backup").GetProperty("id").GetString()!;
    }

    /// <summary>Starts a restore (to a new volume when <paramref name="volumeId"/> is null); returns the target volume's id.</summary>
    public async Task<string> RestoreAsync(string backupId, string? volumeId = null)
    {
        var json = volumeId is null ? "{\"restore\": {}}" : $"{{\"restore\": {{\"volume_id\": \"{volumeId}\"}}}}";
        var body = await ApiAssert.OkJsonAsync(await PostRestoreAsync(backupId, json));
        return body.GetProperty("restore").GetProperty("volume_id").GetString()!;
    }

    public async Task<JsonElement> ShowAsync(string backupId) =>
        (await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"{Backups}/{backupId}"))).GetProperty("backup");

    /// <summary>Polls show until <paramref name="done"/> holds; fails after <see cref="JobTimeout"/> with the last body.</summary>
    public async Task<JsonElement> WaitForBackupAsync(string backupId, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? JobTimeout);
        while (true)
        {
            var backup = await ShowAsync(backupId);
            if (done(backup))
            {
                return backup;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Backup {backupId} did not reach the expected state: {backup.GetRawText()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for <paramref name="status"/>; fails at once on an unexpected <c>error</c>.</summary>
    public Task<JsonElement> WaitForBackupStatusAsync(string backupId, string status, TimeSpan? timeout = null) =>
        WaitForBackupAsync(backupId, backup =>
        {
            var current = backup.GetProperty("status").GetString();
            Assert.False(current == "error" && status != "error", $"Backup {backupId} failed: {backup.GetRawText()}");
            return current == status;
        }, timeout);

    public async Task<JsonElement> WaitForVolumeStatusAsync(string volumeId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? JobTimeout);
        while (true)
        {
            var volume = await VolumeAsync(volumeId);
            if (volume.GetProperty("status").GetString() == status)
            {
                return volume;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Volume {volumeId} did not reach {status}: {volume.GetRawText()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until show answers 404 (the delete job removed the row).</summary>
    public async Task WaitUntilGoneAsync(string backupId)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        while (true)
        {
            using var response = await admin.GetPathAsync($"{Backups}/{backupId}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            Assert.False(body.Contains("\"error\"", StringComparison.Ordinal), $"Delete of backup {backupId} failed: {body}");
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Backup {backupId} was not deleted: {body}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The ids of the tenant's volumes, as the volume list answers them.</summary>
    public async Task<List<string>> ListVolumeIdsAsync()
    {
        var body = await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"v1.1/{tenant}/os-volumes"));
        return [.. body.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];
    }

    /// <summary>The ids a list or detail call answers, in order.</summary>
    public async Task<List<string>> ListIdsAsync(string query = "", bool detail = false)
    {
        var path = Backups + (detail ? "/detail" : string.Empty) + query;
        var body = await ApiAssert.OkJsonAsync(await admin.GetPathAsync(path));
        return [.. body.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("id").GetString()!)];
    }
}

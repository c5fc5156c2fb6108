using System.Text.Json;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.OpenStack;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>
/// One test's project: the OpenStack clients as its member (<see cref="Cli"/>), the HP surface as admin on the same
/// tenant (<see cref="Hp"/>: its volume view names the file that holds a volume), and waits that poll the clients.
/// </summary>
public sealed class OpenStackProject(OpenStackCli cli, BackupApi hp)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    public OpenStackCli Cli => cli;

    public BackupApi Hp => hp;

    /// <summary>A name no other resource has, so that the clients' name lookups and the HP list find this one.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>openstack volume create --size N NAME</c>, then waits until it is available; returns its id.</summary>
    public async Task<string> CreateVolumeAsync(string name, int sizeGb = 1)
    {
        var volume = await cli.OpenStackJsonAsync("volume", "create", "--size", sizeGb.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
        var id = volume.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _), $"Not a UUID: {volume}");
        if (volume.GetProperty("status").GetString() != "available")
        {
            await WaitForVolumeAsync(id, "available");
        }

        return id;
    }

    /// <summary>The volume named <paramref name="name"/> as the HP surface shows it to an admin (with <c>devicePath</c>).</summary>
    public async Task<JsonElement> HpVolumeAsync(string name)
    {
        var body = await ApiAssert.OkJsonAsync(await hp.Client.GetPathAsync($"v1.1/{hp.Tenant}/os-volumes"));
        var matches = body.GetProperty("volumes").EnumerateArray()
            .Where(v => v.TryGetProperty("displayName", out var n) && n.GetString() == name)
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one volume named {name} on the HP surface: {body}");
        return matches[0];
    }

    /// <summary>The file that holds the volume named <paramref name="name"/> (sparse-file volume driver).</summary>
    public async Task<string> DevicePathAsync(string name) => (await HpVolumeAsync(name)).GetProperty("devicePath").GetString()!;

    /// <summary>The backup named <paramref name="name"/> as the HP surface lists it (detail view).</summary>
    public async Task<JsonElement> HpBackupAsync(string name)
    {
        var body = await ApiAssert.OkJsonAsync(await hp.Client.GetPathAsync($"{hp.Backups}/detail"));
        var matches = body.GetProperty("backups").EnumerateArray()
            .Where(b => b.TryGetProperty("display_name", out var n) && n.GetString() == name)
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one backup named {name} on the HP surface: {body}");
        return matches[0];
    }

    /// <summary>Polls <c>openstack volume backup show ID -f json</c> until <paramref name="status"/>; fails at once on <c>error</c>.</summary>
    public Task<JsonElement> WaitForBackupAsync(string id, string status) =>
        PollAsync(["volume", "backup", "show", id], status, $"Backup {id}");

    /// <summary>Polls <c>openstack volume show ID -f json</c> until <paramref name="status"/>.</summary>
    public Task<JsonElement> WaitForVolumeAsync(string id, string status) =>
        PollAsync(["volume", "show", id], status, $"Volume {id}");

    /// <summary>Polls <c>openstack volume backup show ID</c> until the client says the backup does not exist.</summary>
    public async Task WaitUntilBackupGoneAsync(string id)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            var show = await cli.OpenStackAsync("volume", "backup", "show", id, "-f", "json");
            if (show.ExitCode != 0)
            {
                show.AssertFailedWith($"No volumebackup with a name or ID of '{id}' exists.");
                return;
            }

            Assert.False(show.Stdout.Contains("\"error", StringComparison.Ordinal), $"The delete failed:\n{show}");
            Assert.True(DateTime.UtcNow < deadline, $"Backup {id} was not deleted within {BackupApi.JobTimeout}:\n{show}");
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    private async Task<JsonElement> PollAsync(string[] show, string status, string what)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            var current = await cli.OpenStackJsonAsync(show);
            var seen = current.GetProperty("status").GetString();
            if (seen == status)
            {
                return current;
            }

            Assert.False(seen is not null && seen.StartsWith("error", StringComparison.Ordinal), $"{what} failed: {current}");
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not reach {status} within {BackupApi.JobTimeout}: {current}");
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}

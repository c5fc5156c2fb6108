using System.Globalization;
using System.Net;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>
/// A volume whose host stopped writing heartbeats: every operation on it answers 400 naming the host on both surfaces,
/// and nothing changes (no status moves, no job is queued).
/// </summary>
public sealed class DownHostTests
{
    [Fact]
    public async Task Operations_on_a_volume_of_a_down_host_answer_400_naming_it_and_change_nothing()
    {
        await using var server = await TestServer.StartAsync(NodeServers.Node("node-a"));
        var tenant = BackupApi.NewTenant();
        var hp = new BackupApi(server.CreateClient(server.Tokens.Admin), tenant);
        var cinder = CinderBackupsApi.Admin(server, tenant);
        var volume = await hp.CreateVolumeAsync(1);
        var target = await hp.CreateVolumeAsync(1);
        var backup = await hp.CreateBackupAsync(volume);
        await hp.WaitForBackupStatusAsync(backup, "available");
        var volumeUuid = await cinder.VolumeUuidAsync(volume);

        var lastHeard = DateTimeOffset.UtcNow.AddHours(-1);
        await NodeServers.SetNodeAsync(server, "node-b", lastHeard);
        await NodeServers.MoveVolumeAsync(server, volume, "node-b");
        await NodeServers.MoveVolumeAsync(server, target, "node-b");
        var jobsBefore = (await NodeServers.JobsAsync(server)).Count;
        var message = "The volume's host 'node-b' is down (no heartbeat since "
            + lastHeard.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "); try again when it is back.";

        async Task RefusedAsync(Task<HttpResponseMessage> request) =>
            await ApiAssert.FaultAsync(await request, HttpStatusCode.BadRequest, "badRequest", message);

        await RefusedAsync(hp.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\"}}}}"));
        await RefusedAsync(hp.PostRestoreAsync(backup, $"{{\"restore\": {{\"volume_id\": \"{target}\"}}}}"));
        await RefusedAsync(hp.Client.DeletePathAsync($"v1.1/{tenant}/os-volumes/{volume}"));
        await RefusedAsync(hp.Client.PostRawAsync($"v1.1/{tenant}/os-volumes/{volume}/action",
            """{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": "/dev/vdb"}}"""));
        await RefusedAsync(cinder.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volumeUuid}\"}}}}"));
        await RefusedAsync(cinder.SendAsync(HttpMethod.Delete, $"v3/{tenant}/volumes/{volumeUuid}"));
        await RefusedAsync(cinder.PostAsync($"v3/{tenant}/volumes/{volumeUuid}/action", """{"os-reserve": {}}"""));

        Assert.Equal("available", (await hp.VolumeAsync(volume)).GetProperty("status").GetString());
        Assert.Equal("available", (await hp.VolumeAsync(target)).GetProperty("status").GetString());
        Assert.Equal("available", (await hp.ShowAsync(backup)).GetProperty("status").GetString());
        Assert.Equal(jobsBefore, (await NodeServers.JobsAsync(server)).Count);

        // Once the host writes heartbeats again the same request is taken.
        await NodeServers.SetNodeAsync(server, "node-b", DateTimeOffset.UtcNow);
        var again = await hp.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\"}}}}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}

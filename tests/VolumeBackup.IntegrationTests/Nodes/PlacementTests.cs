using System.Net;
using VolumeBackup.Domain;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>
/// An api-only node keeps no volume: it places new volumes on a live worker, whose jobs make, back up, restore and
/// delete them there; with no live worker it answers 400 saying why. Two servers on one PostgreSQL database.
/// </summary>
public sealed class PlacementTests
{
    [Fact]
    public async Task An_api_only_node_places_volumes_on_the_live_worker_which_makes_backs_up_restores_and_deletes_them()
    {
        await PostgresServer.RequireAsync();
        var connection = await PostgresServer.CreateDatabaseAsync("vb_placement", TestContext.Current.CancellationToken);
        try
        {
            await using var worker = await TestServer.StartAsync(NodeServers.Node("node-w", DatabaseProvider.Postgres, connection));
            await using var api = await TestServer.StartAsync(NodeServers.Node("node-api", DatabaseProvider.Postgres, connection,
                new Dictionary<string, string> { ["VolumeBackup:Roles"] = "api" }));
            var hp = new BackupApi(api.CreateClient(api.Tokens.Admin), BackupApi.NewTenant());
            await NodeServers.EventuallyAsync(async () => await NodeServers.NodeAsync(api, "node-w") is not null, "node-w's heartbeat");

            var volume = await hp.CreateVolumeAsync(1);
            await hp.WaitForVolumeStatusAsync(volume, "available");
            Assert.Equal("node-w", (await VolumeRowAsync(api, volume)).Host);
            var file = VolumeFile(worker, volume);
            Assert.True(File.Exists(file), "the worker made the volume's file");
            Assert.False(Directory.Exists(Path.Combine(api.DataDirectory, "volumes")) && Directory.GetFiles(Path.Combine(api.DataDirectory, "volumes")).Length > 0);

            var bytes = new byte[3 << 20];
            Random.Shared.NextBytes(bytes);
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
            {
                stream.Position = 5 << 20;
                await stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
            }

            var backup = await hp.CreateBackupAsync(volume);
            await hp.WaitForBackupStatusAsync(backup, "available");
            var restored = await hp.RestoreAsync(backup);
            await hp.WaitForVolumeStatusAsync(restored, "available");
            Assert.Equal("node-w", (await VolumeRowAsync(api, restored)).Host);
            Assert.Equal(await HashAsync(file), await HashAsync(VolumeFile(worker, restored)));

            Assert.Equal(HttpStatusCode.Accepted, (await hp.Client.DeletePathAsync($"v1.1/{hp.Tenant}/os-volumes/{volume}")).StatusCode);
            await NodeServers.EventuallyAsync(async () => !File.Exists(file) && !(await hp.ListVolumeIdsAsync()).Contains(volume), "the volume deleted on its node");

            // The only worker stops: a new volume has nowhere to go.
            await worker.StopAsync();
            await NodeServers.EventuallyAsync(
                async () => (await hp.Client.PostRawAsync($"v1.1/{hp.Tenant}/os-volumes", """{"volume": {"size": 1}}""")).StatusCode == HttpStatusCode.BadRequest,
                "node-w counted down");
            await ApiAssert.FaultAsync(
                await hp.Client.PostRawAsync($"v1.1/{hp.Tenant}/os-volumes", """{"volume": {"size": 1}}"""),
                HttpStatusCode.BadRequest, "badRequest", "No worker node is up to keep a new volume (every worker node is down or retired).");
            await ApiAssert.FaultAsync(
                await hp.PostRestoreAsync(backup, "{\"restore\": {}}"),
                HttpStatusCode.BadRequest, "badRequest", "No worker node is up to keep a new volume (every worker node is down or retired).");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await System.Security.Cryptography.SHA256.HashDataAsync(stream));
    }

    private static string VolumeFile(TestServer server, string volumeId) =>
        Path.Combine(server.DataDirectory, "volumes", $"volume-{volumeId}.raw");

    private static Task<Domain.Volumes.Volume> VolumeRowAsync(TestServer server, string volumeId) =>
        NodeServers.WithDbAsync(server, async db =>
        {
            Assert.True(RouteIds.TryParse(volumeId, out var id));
            return (await new VolumeBackup.Persistence.Stores.VolumeStore(db, TimeProvider.System).FindByIdAsync(id, CancellationToken.None))!;
        });
}

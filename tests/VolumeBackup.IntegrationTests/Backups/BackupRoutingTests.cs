using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// Two nodes on one database: create and restore jobs run only on the node that holds the volume; delete jobs run on
/// any node (the spec routes them through the scheduler).
/// </summary>
public sealed class BackupRoutingTests
{
    [Fact]
    public async Task A_create_waits_for_its_volumes_node_while_another_node_runs_a_later_delete()
    {
        using var directory = new TempDataDirectory("vb-routing");
        await using var volumeNode = await TestServer.StartAsync(Node("node-a", workers: 0), directory.Path);
        await using var otherNode = await TestServer.StartAsync(Node("node-b", workers: 2), directory.Path);
        var api = new BackupApi(volumeNode.CreateClient(volumeNode.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await api.CreateBackupAsync(volumeId);
        var failedId = await BackupArrange.AddBackupAsync(volumeNode, api.Tenant, volumeId, BackupStatus.Error);

        Assert.Equal(HttpStatusCode.Accepted, (await api.DeleteBackupAsync(failedId)).StatusCode);
        await api.WaitUntilGoneAsync(failedId);

        // node-b claimed the newer delete job, so it passed over the older create job: that one is node-a's.
        var create = await FirstJobAsync(volumeNode);
        Assert.Equal((JobKind.CreateBackup, JobState.Queued, "node-a"), (create.Kind, create.State, create.TargetHost));
        Assert.Equal(BackupStatus.Creating, (await api.ShowAsync(backupId)).GetProperty("status").GetString());

        await volumeNode.StopAsync();
        await using var restarted = await TestServer.StartAsync(Node("node-a", workers: 2), directory.Path);
        var again = new BackupApi(restarted.CreateClient(restarted.Tokens.Admin), api.Tenant);
        await again.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
    }

    private static ServerSettings Node(string host, int workers) => new()
    {
        Settings = BackupServerFixture.Settings(
            ("VolumeBackup:NodeHost", host),
            ("VolumeBackup:Backups:Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    };

    private static async Task<JobRecord> FirstJobAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
        return db.Jobs.OrderBy(j => j.Id).First();
    }
}

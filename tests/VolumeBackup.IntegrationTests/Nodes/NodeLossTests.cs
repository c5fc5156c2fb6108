using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Nodes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>
/// Jobs routed to a host that died: they wait while it may come back (and it resumes them), and once it has been down
/// past the grace period any live worker ends them naming the host, applying the statuses lease recovery applies,
/// exactly once however many nodes try. Two or three servers on one PostgreSQL database.
/// </summary>
public sealed class NodeLossTests
{
    [Fact]
    public async Task Jobs_of_a_host_down_past_the_grace_period_end_once_naming_it_with_the_failure_statuses()
    {
        await PostgresServer.RequireAsync();
        var connection = await PostgresServer.CreateDatabaseAsync("vb_nodeloss", TestContext.Current.CancellationToken);
        try
        {
            // Heartbeats and the background pass only at start: the test runs the passes itself, on both nodes at once.
            var slow = new Dictionary<string, string>
            {
                ["VolumeBackup:Nodes:HeartbeatInterval"] = "00:10:00",
                ["VolumeBackup:Nodes:DownAfter"] = "00:20:00",
                ["VolumeBackup:Nodes:GracePeriod"] = "00:01:00",
            };
            await using var a = await TestServer.StartAsync(NodeServers.Node("node-a", DatabaseProvider.Postgres, connection, slow));
            await using var b = await TestServer.StartAsync(NodeServers.Node("node-b", DatabaseProvider.Postgres, connection, slow));
            var hp = new BackupApi(a.CreateClient(a.Tokens.Admin), BackupApi.NewTenant());
            var source = await hp.CreateVolumeAsync(1);
            var restorable = await hp.CreateBackupAsync(source);
            await hp.WaitForBackupStatusAsync(restorable, "available");
            var target = await hp.CreateVolumeAsync(1);

            // node-c is up when the jobs are queued for it, then falls silent for a day.
            await NodeServers.SetNodeAsync(a, "node-c", DateTimeOffset.UtcNow);
            await NodeServers.MoveVolumeAsync(a, source, "node-c");
            await NodeServers.MoveVolumeAsync(a, target, "node-c");
            var stranded = await hp.CreateBackupAsync(source);
            await hp.RestoreAsync(restorable, target);
            var lastHeard = DateTimeOffset.UtcNow.AddDays(-1);
            await NodeServers.SetNodeAsync(a, "node-c", lastHeard);

            var passes = Enumerable.Range(0, 8).Select(i => RunPassAsync(i % 2 == 0 ? a : b));
            var ended = (await Task.WhenAll(passes)).Sum();

            Assert.Equal(2, ended);
            var since = lastHeard.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var failed = await hp.ShowAsync(stranded);
            Assert.Equal("error", failed.GetProperty("status").GetString());
            Assert.Equal($"The volume's host 'node-c' has been down since {since}; the backup was not made.",
                failed.GetProperty("fail_reason").GetString());
            Assert.Equal("available", (await hp.VolumeAsync(source)).GetProperty("status").GetString());
            Assert.Equal("error_restoring", (await hp.VolumeAsync(target)).GetProperty("status").GetString());
            Assert.Equal("available", (await hp.ShowAsync(restorable)).GetProperty("status").GetString());
            var jobs = (await NodeServers.JobsAsync(a)).Where(j => j.TargetHost == "node-c").ToList();
            Assert.Equal(2, jobs.Count);
            Assert.All(jobs, j => Assert.Equal("failed", j.State));
            Assert.Contains(jobs, j => j.LastError == $"The volume's host 'node-c' has been down since {since}; the restore was not made.");

            // A delete routes to no host: a live node runs it although the backup's volume is on the dead one.
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await hp.DeleteBackupAsync(restorable)).StatusCode);
            await hp.WaitUntilGoneAsync(restorable);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task A_host_back_within_the_grace_period_runs_its_queued_job()
    {
        await PostgresServer.RequireAsync();
        var connection = await PostgresServer.CreateDatabaseAsync("vb_nodeback", TestContext.Current.CancellationToken);
        try
        {
            await using var a = await TestServer.StartAsync(NodeServers.Node("node-a", DatabaseProvider.Postgres, connection));
            // node-b keeps the volume but runs no job yet: its backup waits in the queue for it.
            await using var idle = await TestServer.StartAsync(NodeServers.Node("node-b", DatabaseProvider.Postgres, connection,
                new Dictionary<string, string> { ["VolumeBackup:Backups:Workers"] = "0" }));
            var onB = new BackupApi(idle.CreateClient(idle.Tokens.Admin), BackupApi.NewTenant());
            var volume = await onB.CreateVolumeAsync(1);
            var backup = await onB.CreateBackupAsync(volume);
            await idle.StopAsync();

            var hp = new BackupApi(a.CreateClient(a.Tokens.Admin), onB.Tenant);
            await NodeServers.EventuallyAsync(
                async () => (await hp.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\"}}}}")).StatusCode
                    == System.Net.HttpStatusCode.BadRequest,
                "node-b counted down");
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // several passes of node-a's recovery
            Assert.Equal("creating", (await hp.ShowAsync(backup)).GetProperty("status").GetString());
            Assert.Equal("queued", (await NodeServers.JobsAsync(a)).Single(j => j.TargetHost == "node-b").State);

            await using var back = await TestServer.StartAsync(
                NodeServers.Node("node-b", DatabaseProvider.Postgres, connection), idle.DataDirectory);
            await hp.WaitForBackupStatusAsync(backup, "available");
            Assert.Equal("available", (await hp.VolumeAsync(volume)).GetProperty("status").GetString());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    private static async Task<int> RunPassAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NodeLossRecovery>().RunAsync(CancellationToken.None);
    }
}

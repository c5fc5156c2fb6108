using System.Diagnostics;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.MultiNode;

/// <summary>
/// Three server processes (node-a, node-b, node-c: own host name, port and data directory) on one PostgreSQL database
/// and one Swift, with shared tokens. A volume lives on the node it was created through, and every job that touches
/// its bytes must run there whichever node took the request: each backup is requested through a different node, each
/// restore through a third into a volume of yet another node. Which node ran a job is read from the job's row (its
/// lease owner names the host) and from the nodes' logs. node-b is killed with SIGKILL in the middle of its backup
/// while node-a and node-c finish theirs; node-b's backup waits for it (no other node can read its volume), resumes
/// when it starts again (a second attempt, same host) and completes. Every restore is compared byte for byte with its
/// source; each backup is then deleted through a third node, and its delete job, routed to no host, runs on any.
/// Jobs run at 2 MB/s, and node-b's at 0.5 MB/s: its backup then lasts about 17 s, so the kill lands mid-flight even
/// when a loaded machine takes seconds to report the first progress (at 2 MB/s it sometimes finished first).
/// </summary>
public sealed class ThreeNodeTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private const int VolumeBytes = 8 << 20;

    [Fact]
    public async Task Jobs_run_on_their_volumes_host_whichever_node_took_the_request_and_a_killed_nodes_backup_resumes_there()
    {
        var db = await database.GetAsync();
        await using var cluster = await ServerCluster.StartAsync(db.ConnectionString, new ClusterOptions
        {
            Name = "three-nodes",
            Nodes =
            [
                new("node-a"),
                new("node-b", Settings: new Dictionary<string, string> { ["VolumeBackup:Backups:MaxBytesPerSecond"] = "500000" }),
                new("node-c"),
            ],
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:LeaseDuration"] = "00:00:05",
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                ["VolumeBackup:Backups:RecoveryInterval"] = "00:00:01",
                ["VolumeBackup:Backups:MaxAttempts"] = "3",
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = "2000000",
            },
        });
        output.WriteLine($"node logs: {cluster.LogDirectory}");
        var tenant = SwiftFixture.TenantA;
        var container = cluster.NewContainer();
        var nodes = cluster.Nodes;

        // A volume on each node, created through that node, filled with its own random bytes.
        var volumes = new string[3];
        var sources = new string[3];
        for (var i = 0; i < 3; i++)
        {
            var api = nodes[i].AdminApi(tenant);
            volumes[i] = await api.CreateVolumeAsync(1);
            var path = await api.DevicePathAsync(volumes[i]);
            Assert.StartsWith(nodes[i].DataDirectory, path, StringComparison.Ordinal);
            var volume = new VolumeFile(path);
            volume.Write(4096, VolumeFile.RandomBytes(VolumeBytes, seed: 70 + i));
            sources[i] = volume.Sha256();
        }

        // Each volume's backup requested through the next node.
        var backups = new string[3];
        for (var i = 0; i < 3; i++)
        {
            backups[i] = await nodes[(i + 1) % 3].AdminApi(tenant).CreateBackupAsync(volumes[i], container);
        }

        // node-b dies in the middle of its backup; node-a and node-c finish theirs meanwhile.
        var observer = nodes[0].AdminApi(tenant);
        await observer.WaitForBackupAsync(backups[1], b =>
        {
            Assert.False(b.GetProperty("status").GetString() == BackupStatus.Error, $"Backup {backups[1]} failed: {b.GetRawText()}");
            return b.TryGetProperty("progress", out var p) && p.GetProperty("bytes_done").GetInt64() > 0;
        });
        var killed = await ClusterJob.LatestAsync(db.ConnectionString, backups[1], "create_backup");
        Assert.Equal("node-b", killed.RanOn);
        Assert.Equal(1, killed.Attempts);
        await cluster.KillAsync(nodes[1]);
        var down = Stopwatch.StartNew();
        await observer.WaitForBackupStatusAsync(backups[0], BackupStatus.Available);
        await nodes[2].AdminApi(tenant).WaitForBackupStatusAsync(backups[2], BackupStatus.Available);
        var othersDone = down.Elapsed;
        var waiting = await observer.ShowAsync(backups[1]);
        Assert.Equal(BackupStatus.Creating, waiting.GetProperty("status").GetString());
        var stillOnB = await ClusterJob.LatestAsync(db.ConnectionString, backups[1], "create_backup");
        Assert.NotEqual("done", stillOnB.State);
        Assert.Equal("node-b", stillOnB.TargetHost);

        await cluster.RestartAsync(nodes[1]);
        await nodes[1].AdminApi(tenant).WaitForBackupStatusAsync(backups[1], BackupStatus.Available);
        output.WriteLine($"kill of node-b -> other backups available {othersDone.TotalSeconds:F1} s, node-b's backup available {down.Elapsed.TotalSeconds:F1} s");
        var resumed = await ClusterJob.LatestAsync(db.ConnectionString, backups[1], "create_backup");
        Assert.Equal(("done", 2, "node-b"), (resumed.State, resumed.Attempts, resumed.RanOn));

        for (var i = 0; i < 3; i++)
        {
            await AssertRanOnlyOnAsync(cluster, db.ConnectionString, backups[i], "create_backup", nodes[i].Host);
            await nodes[i].AdminApi(tenant).WaitForVolumeStatusAsync(volumes[i], VolumeStatus.Available);
        }

        // Each backup restored into an empty volume of the node after next, requested through the next node.
        var targets = new string[3];
        for (var i = 0; i < 3; i++)
        {
            var host = nodes[(i + 2) % 3];
            targets[i] = await host.AdminApi(tenant).CreateVolumeAsync(1);
            await host.AdminApi(tenant).WaitForVolumeStatusAsync(targets[i], VolumeStatus.Available);
            Assert.Equal(targets[i], await nodes[(i + 1) % 3].AdminApi(tenant).RestoreAsync(backups[i], targets[i]));
        }

        for (var i = 0; i < 3; i++)
        {
            var host = nodes[(i + 2) % 3];
            var api = host.AdminApi(tenant);
            await api.WaitForVolumeStatusAsync(targets[i], VolumeStatus.Available);
            await AssertRanOnlyOnAsync(cluster, db.ConnectionString, backups[i], "restore_backup", host.Host);
            var restored = new VolumeFile(await api.DevicePathAsync(targets[i]));
            Assert.StartsWith(host.DataDirectory, restored.Path, StringComparison.Ordinal);
            Assert.Equal(sources[i], restored.Sha256());
        }

        // Deletes need no volume: any node serves them.
        for (var i = 0; i < 3; i++)
        {
            var api = nodes[(i + 2) % 3].AdminApi(tenant);
            await api.WaitForBackupStatusAsync(backups[i], BackupStatus.Available);
            using var deleted = await api.DeleteBackupAsync(backups[i]);
            Assert.True(deleted.IsSuccessStatusCode, $"Delete answered {(int)deleted.StatusCode}");
        }

        for (var i = 0; i < 3; i++)
        {
            await nodes[i].AdminApi(tenant).WaitUntilGoneAsync(backups[i]);
            var delete = await ClusterJob.LatestAsync(db.ConnectionString, backups[i], "delete_backup");
            output.WriteLine($"backup {backups[i]}: delete_backup job {delete.Id} target {delete.TargetHost ?? "any"}, ran on {delete.RanOn}");
            Assert.Null(delete.TargetHost);
            Assert.Equal("done", delete.State);
            Assert.Contains(delete.RanOn, nodes.Select(n => n.Host));
        }
    }

    /// <summary>
    /// The backup's latest <paramref name="kind"/> job was routed to <paramref name="host"/>, ran there (lease owner)
    /// and finished, and only that node's log names it.
    /// </summary>
    private async Task AssertRanOnlyOnAsync(ServerCluster cluster, string connectionString, string backupId, string kind, string host)
    {
        var job = await ClusterJob.LatestAsync(connectionString, backupId, kind);
        output.WriteLine($"backup {backupId}: {kind} job {job.Id} target {job.TargetHost}, ran on {job.RanOn} ({job.LeaseOwner}), attempts {job.Attempts}");
        Assert.Equal(host, job.TargetHost);
        Assert.Equal(host, job.RanOn);
        Assert.Equal("done", job.State);
        var started = $"job {job.Id} ({kind}) of backup {backupId}";
        foreach (var node in cluster.Nodes)
        {
            Assert.True(node.ReadLog().Contains(started, StringComparison.Ordinal) == (node.Host == host),
                $"'{started}' should be in the log of {host} only; {node.Host}'s log {(node.Host == host ? "lacks" : "has")} it ({node.LogFile}).");
        }
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// The server process, its data directory on a real XFS, is killed with SIGKILL in the middle of a forced backup of an
/// in-use volume (read from a reflink clone), and started again on the same directory. The job resumes (or, out of
/// attempts, is given up); the volume ends in-use, never left backing-up; and exactly one snapshot is left: the newest
/// backup's that landed, the base of the next incremental. Jobs are slowed to 2 MB/s so that the kill lands mid-flight.
/// </summary>
public sealed class KilledInUseBackupTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_killed_in_use_backup_resumes_after_restart_ends_in_use_and_leaves_only_its_own_snapshot()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs, "vb-kill-inuse");
        var server = await StartAsync(directory.Path, maxAttempts: 3);
        try
        {
            var (api, volumeId, expected, previous) = await ArrangeInUseVolumeWithABackupAsync(server);
            var backupId = await ForcedBackupAsync(api);
            await WaitUntilMidFlightAsync(api, backupId);
            Assert.Contains("backup-" + backupId, SnapshotFiles(directory.Path, volumeId));

            server.Kill();
            await server.DisposeAsync();
            server = await StartAsync(directory.Path, maxAttempts: 3);
            api = server.AdminApi(api.Tenant);

            await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
            await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.InUse);
            var job = await JobRow.ReadAsync(directory.Path, backupId);
            Assert.Equal(("done", 2), (job.State, job.Attempts)); // resumed by the restarted process
            Assert.Equal(["backup-" + backupId], SnapshotFiles(directory.Path, volumeId)); // not backup-{previous}, no partial
            Assert.NotEqual(previous, backupId);
            var restoredId = await api.RestoreAsync(backupId);
            await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
            Assert.Equal(expected, Sha256(await api.DevicePathAsync(restoredId)));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_in_use_backup_on_its_last_attempt_ends_in_error_in_use_and_keeps_the_previous_snapshot_only()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs, "vb-kill-inuse-last");
        var server = await StartAsync(directory.Path, maxAttempts: 1);
        try
        {
            var (api, volumeId, _, previous) = await ArrangeInUseVolumeWithABackupAsync(server);
            var backupId = await ForcedBackupAsync(api);
            await WaitUntilMidFlightAsync(api, backupId);

            server.Kill();
            await server.DisposeAsync();
            server = await StartAsync(directory.Path, maxAttempts: 1);
            api = server.AdminApi(api.Tenant);

            await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
            await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.InUse);
            await WaitUntilAsync(() => SnapshotFiles(directory.Path, volumeId).Length == 1);
            Assert.Equal(["backup-" + previous], SnapshotFiles(directory.Path, volumeId));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// A 1 GiB volume with 8 MiB of data, attached through the HP admin action, backed up once (its clone kept), then
    /// given 8 MiB of new data; returns the API, the volume, the hash of its bytes now and the first backup's id.
    /// </summary>
    private static async Task<(BackupApi Api, string VolumeId, string Expected, string Previous)> ArrangeInUseVolumeWithABackupAsync(ServerProcess server)
    {
        var api = server.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var path = await api.DevicePathAsync(volumeId);
        new VolumeFile(path).Write(0, VolumeFile.RandomBytes(4 << 20, seed: 71));
        new VolumeFile(path).Write(256L << 20, VolumeFile.RandomBytes(4 << 20, seed: 72));
        var attach = await api.Client.PostRawAsync($"v1.1/{api.Tenant}/os-volumes/{volumeId}/action",
            """{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": "/dev/vdb"}}""");
        Assert.Equal(HttpStatusCode.Accepted, attach.StatusCode);
        var previous = await ForcedBackupAsync(api);
        await api.WaitForBackupStatusAsync(previous, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.InUse);

        // New data for the next backup to read and store (unchanged data would be deduplicated in no time).
        new VolumeFile(path).Write(0, VolumeFile.RandomBytes(4 << 20, seed: 73));
        new VolumeFile(path).Write(512L << 20, VolumeFile.RandomBytes(4 << 20, seed: 74));
        return (api, volumeId, Sha256(path), previous);
    }

    /// <summary>Cinder's backup create with force (the HP surface has no force); returns the backup's HP id.</summary>
    private static async Task<string> ForcedBackupAsync(BackupApi api)
    {
        var known = await api.ListIdsAsync();
        var volumeUuid = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync($"v3/{api.Tenant}/volumes")))
            .GetProperty("volumes").EnumerateArray().Single().GetProperty("id").GetString();
        var created = await api.Client.PostRawAsync($"v3/{api.Tenant}/backups",
            $$$"""{"backup": {"volume_id": "{{{volumeUuid}}}", "force": true}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        return Assert.Single((await api.ListIdsAsync()).Except(known));
    }

    private static string[] SnapshotFiles(string dataDirectory, string volumeId)
    {
        var snapshots = Path.Combine(dataDirectory, "volumes", "snapshots", "volume-" + volumeId);
        return Directory.Exists(snapshots) ? [.. Directory.GetFiles(snapshots).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)] : [];
    }

    private static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private async Task<ServerProcess> StartAsync(string dataDirectory, int maxAttempts)
    {
        var server = ServerProcess.Start(dataDirectory, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:LeaseDuration"] = "00:00:05",
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                ["VolumeBackup:Backups:RecoveryInterval"] = "00:00:01",
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = "2000000",
            },
        });
        await server.WaitUntilHealthyAsync(Startup);
        output.WriteLine($"server {server.ProcessId} started on {dataDirectory}");
        return server;
    }

    // Mid-flight: a worker holds the job and has reported bytes, and the job is not finished.
    private static Task<System.Text.Json.JsonElement> WaitUntilMidFlightAsync(BackupApi api, string backupId) =>
        api.WaitForBackupAsync(backupId, backup =>
            backup.TryGetProperty("progress", out var progress)
            && progress.GetProperty("operation").GetString() == "create"
            && progress.GetProperty("bytes_done").GetInt64() > 0);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }
}

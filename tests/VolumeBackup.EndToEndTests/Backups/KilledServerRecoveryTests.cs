using System.Diagnostics;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// The real server binary is killed with SIGKILL in the middle of a backup and of a restore while a second node runs on
/// the same data directory (same database, host and volumes, as a restarted node would find them): the job's lease
/// (5 s here) runs out and the surviving node resumes the job within the documented bound, one lease plus one recovery
/// interval after the kill, and the bytes come back intact. The resumption is read from the job's row (its second
/// claim, by the survivor), not assumed. Jobs are slowed to 2 MB/s by the bandwidth limit so that the kill lands mid-flight.
/// </summary>
public sealed class KilledServerRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecoveryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    // docs/backups-api.md: a crashed worker's job is resumed at most one lease plus one recovery interval after the
    // crash. The tolerance covers this test's 100 ms polling of the row and a loaded machine's scheduling, no more.
    private static readonly TimeSpan ResumeBound = Lease + RecoveryInterval;
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_backup_killed_mid_flight_is_resumed_within_a_lease_and_a_recovery_interval_and_restores_byte_for_byte()
    {
        using var directory = new TempDataDirectory("vb-kill-backup");
        await using var first = await StartAsync(directory.Path, maxAttempts: 3);
        await using var second = await StartAsync(directory.Path, maxAttempts: 3);
        var api = first.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 31));
        volume.Write(512L << 20, VolumeFile.RandomBytes(4 << 20, seed: 32));
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);
        await WaitUntilMidFlightAsync(api, backupId, "create");

        var survivor = await KillTheJobsNodeAsync(directory.Path, backupId, first, second);
        api = survivor.AdminApi(api.Tenant);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);

        await AssertResumedBySurvivorAsync(directory.Path, backupId, survivor);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(restoredId)).Sha256());
    }

    [Fact]
    public async Task A_restore_killed_mid_flight_is_resumed_within_a_lease_and_a_recovery_interval_and_writes_every_byte()
    {
        using var directory = new TempDataDirectory("vb-kill-restore");
        await using var first = await StartAsync(directory.Path, maxAttempts: 3);
        await using var second = await StartAsync(directory.Path, maxAttempts: 3);
        var api = first.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(4096, VolumeFile.RandomBytes(8 << 20, seed: 33));
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        var targetId = await api.RestoreAsync(backupId);
        await WaitUntilMidFlightAsync(api, backupId, "restore");

        var survivor = await KillTheJobsNodeAsync(directory.Path, backupId, first, second);
        api = survivor.AdminApi(api.Tenant);
        await api.WaitForVolumeStatusAsync(targetId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);

        var job = await AssertResumedBySurvivorAsync(directory.Path, backupId, survivor);
        Assert.Equal("restore_backup", job.Kind);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(targetId)).Sha256());
    }

    [Fact]
    public async Task A_restore_killed_on_its_last_attempt_leaves_the_backup_available_and_the_volume_error_restoring()
    {
        using var directory = new TempDataDirectory("vb-kill-final");
        var server = await StartAsync(directory.Path, maxAttempts: 1);
        var api = server.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(8 << 20, seed: 34));
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        await api.RestoreAsync(backupId, volumeId);
        await WaitUntilMidFlightAsync(api, backupId, "restore");

        server.Kill();
        await server.DisposeAsync();
        server = await StartAsync(directory.Path, maxAttempts: 1);
        api = server.AdminApi(api.Tenant);

        // A dead worker is no damage to the backup: only the target volume is marked, the backup stays restorable.
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.ErrorRestoring);
        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(JsonValueKind.Null, backup.GetProperty("fail_reason").ValueKind);
        await server.DisposeAsync();
    }

    /// <summary>
    /// Finds the node whose worker holds the backup's latest job (its lease owner names the process), kills it, and
    /// waits for the job's second claim, timed from the kill, against <see cref="ResumeBound"/>. Returns the survivor.
    /// </summary>
    private async Task<ServerProcess> KillTheJobsNodeAsync(string dataDirectory, string backupId, ServerProcess first, ServerProcess second)
    {
        var claimed = await JobRow.ReadAsync(dataDirectory, backupId);
        Assert.Equal(1, claimed.Attempts);
        var (victim, survivor) = claimed.OwnerProcessId == first.ProcessId ? (first, second) : (second, first);
        Assert.Equal(victim.ProcessId, claimed.OwnerProcessId);

        victim.Kill();
        var sinceKill = Stopwatch.StartNew();
        while (true)
        {
            var row = await JobRow.ReadAsync(dataDirectory, backupId);
            if (row.Attempts >= 2)
            {
                output.WriteLine($"kill -> job claimed again after {sinceKill.Elapsed.TotalSeconds:F1} s (bound {ResumeBound.TotalSeconds} s)");
                break;
            }

            Assert.True(sinceKill.Elapsed < ResumeBound + Tolerance,
                $"The job was not resumed within one lease plus one recovery interval ({ResumeBound.TotalSeconds} s) of the kill.");
            await Task.Delay(100);
        }

        return survivor;
    }

    /// <summary>The job ended done on its second attempt, and that attempt was the survivor's.</summary>
    private static async Task<JobRow> AssertResumedBySurvivorAsync(string dataDirectory, string backupId, ServerProcess survivor)
    {
        var job = await JobRow.ReadAsync(dataDirectory, backupId);
        Assert.Equal("done", job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(survivor.ProcessId, job.OwnerProcessId);
        return job;
    }

    private static async Task<ServerProcess> StartAsync(string dataDirectory, int maxAttempts)
    {
        var server = ServerProcess.Start(dataDirectory, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:LeaseDuration"] = Lease.ToString(),
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                ["VolumeBackup:Backups:RecoveryInterval"] = RecoveryInterval.ToString(),
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = "2000000",
            },
        });
        await server.WaitUntilHealthyAsync(Startup);
        return server;
    }

    // Mid-flight: a worker holds the job and has reported bytes, and the job is not finished.
    private static Task<System.Text.Json.JsonElement> WaitUntilMidFlightAsync(BackupApi api, string backupId, string operation) =>
        api.WaitForBackupAsync(backupId, backup =>
            backup.TryGetProperty("progress", out var progress)
            && progress.GetProperty("operation").GetString() == operation
            && progress.GetProperty("bytes_done").GetInt64() > 0);
}

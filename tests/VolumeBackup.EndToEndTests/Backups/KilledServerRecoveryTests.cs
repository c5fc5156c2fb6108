using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// The real server binary is killed with SIGKILL in the middle of a backup and of a restore, then started again on the
/// same data directory: the job's lease (5 s here) runs out, the job is resumed, and the bytes come back intact.
/// Jobs are slowed to 2 MB/s by the bandwidth limit so that the kill lands mid-flight.
/// </summary>
public sealed class KilledServerRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_backup_killed_mid_flight_is_resumed_after_a_restart_and_restores_byte_for_byte()
    {
        using var directory = new TempDataDirectory("vb-kill-backup");
        var server = await StartAsync(directory.Path, maxAttempts: 3);
        var api = Api(server, BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 31));
        volume.Write(512L << 20, VolumeFile.RandomBytes(4 << 20, seed: 32));
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);
        await WaitUntilMidFlightAsync(api, backupId, "create");

        server.Kill();
        await server.DisposeAsync();
        var killedAt = Stopwatch.StartNew();
        server = await StartAsync(directory.Path, maxAttempts: 3);
        api = Api(server, api.Tenant);
        var restartedAfter = killedAt.Elapsed;

        // The dead worker's lease has run out by now; the restarted node takes the job over within one lease period.
        var resumedAfter = restartedAfter + await WaitForSecondAttemptAsync(directory.Path, backupId, within: Lease);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        output.WriteLine($"kill -> restarted {restartedAfter.TotalSeconds:F1} s, -> job resumed {resumedAfter.TotalSeconds:F1} s, "
            + $"-> backup available {killedAt.Elapsed.TotalSeconds:F1} s");
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(restoredId)).Sha256());
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_restore_killed_mid_flight_is_resumed_after_a_restart_and_writes_every_byte()
    {
        using var directory = new TempDataDirectory("vb-kill-restore");
        var server = await StartAsync(directory.Path, maxAttempts: 3);
        var api = Api(server, BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(4096, VolumeFile.RandomBytes(8 << 20, seed: 33));
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        var targetId = await api.RestoreAsync(backupId);
        await WaitUntilMidFlightAsync(api, backupId, "restore");

        server.Kill();
        await server.DisposeAsync();
        server = await StartAsync(directory.Path, maxAttempts: 3);
        api = Api(server, api.Tenant);

        await api.WaitForVolumeStatusAsync(targetId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(targetId)).Sha256());
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_restore_killed_on_its_last_attempt_ends_in_error_and_unlocks_the_volume_as_error_restoring()
    {
        using var directory = new TempDataDirectory("vb-kill-final");
        var server = await StartAsync(directory.Path, maxAttempts: 1);
        var api = Api(server, BackupApi.NewTenant());
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
        api = Api(server, api.Tenant);

        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        Assert.Equal("The restore did not finish: its worker stopped responding (1 attempts). Start it again.",
            backup.GetProperty("fail_reason").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.ErrorRestoring);
        await server.DisposeAsync();
    }

    // Reads the job's row from the database file (WAL lets a reader in beside the server) until its second claim shows.
    private static async Task<TimeSpan> WaitForSecondAttemptAsync(string dataDirectory, string backupId, TimeSpan within)
    {
        var since = Stopwatch.StartNew();
        while (true)
        {
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "volumebackup.db")};Mode=ReadOnly;Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT \"Attempts\" FROM \"Jobs\" WHERE \"BackupId\" = $id";
                command.Parameters.AddWithValue("$id", long.Parse(backupId, System.Globalization.CultureInfo.InvariantCulture));
                if (Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2)
                {
                    return since.Elapsed;
                }
            }

            Assert.True(since.Elapsed < within, $"The job was not resumed within one lease period ({within.TotalSeconds} s) of the restart.");
            await Task.Delay(100);
        }
    }

    private static async Task<ServerProcess> StartAsync(string dataDirectory, int maxAttempts)
    {
        var server = ServerProcess.Start(dataDirectory, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:LeaseDuration"] = Lease.ToString(),
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                ["VolumeBackup:Backups:RecoveryInterval"] = "00:00:01",
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = "2000000",
            },
        });
        await server.WaitUntilHealthyAsync(Startup);
        return server;
    }

    private static BackupApi Api(ServerProcess server, string tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("X-Auth-Token", ServerTokens.Read(server.DataDirectory).Admin);
        return new BackupApi(client, tenant);
    }

    // Mid-flight: a worker holds the job and has reported bytes, and the job is not finished.
    private static Task<System.Text.Json.JsonElement> WaitUntilMidFlightAsync(BackupApi api, string backupId, string operation) =>
        api.WaitForBackupAsync(backupId, backup =>
            backup.TryGetProperty("progress", out var progress)
            && progress.GetProperty("operation").GetString() == operation
            && progress.GetProperty("bytes_done").GetInt64() > 0);
}

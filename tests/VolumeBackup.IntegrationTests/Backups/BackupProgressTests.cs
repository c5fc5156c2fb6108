using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// Jobs slowed by the bandwidth limit (2 MB/s), so a test sees them mid-flight: the progress a worker reports (more
/// than the zero the API wrote at creation, and rising) and the volume's lock while they run, and a graceful shutdown
/// handing the job back (seen in its row) to be resumed after the restart.
/// </summary>
public sealed class BackupProgressTests
{
    private const long OneGiB = 1L << 30;

    [Fact]
    public async Task While_a_backup_and_a_restore_run_show_reports_rising_progress_from_the_worker_and_the_volume_is_locked()
    {
        await using var server = await TestServer.StartAsync(Settings(workers: 2));
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        // Three packs of about 8 MiB each (~12 s at 2 MB/s): bytes_done rises as each pack lands, not only once at the end.
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(24 << 20, seed: 21));

        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.BackingUp, TimeSpan.Zero);
        // A backup reads ahead of its throttled uploads, so its bytes_done can reach the data's end in one report: it must
        // be a worker's report (above zero), rising is asked of the restore, whose writes follow its paced downloads.
        await WaitForRisingProgressAsync(api, backupId, BackupStatus.Creating, "create", mustRise: false);
        Assert.Equal(VolumeStatus.BackingUp, (await api.VolumeAsync(volumeId)).GetProperty("status").GetString());
        var done = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.False(done.TryGetProperty("progress", out _));

        var targetId = await api.RestoreAsync(backupId);
        await WaitForRisingProgressAsync(api, backupId, BackupStatus.Restoring, "restore", mustRise: true);
        Assert.Equal(VolumeStatus.RestoringBackup, (await api.VolumeAsync(targetId)).GetProperty("status").GetString());
        await api.WaitForVolumeStatusAsync(targetId, VolumeStatus.Available);
        Assert.False((await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available)).TryGetProperty("progress", out _));
    }

    [Fact]
    public async Task A_graceful_shutdown_hands_a_running_backup_back_and_the_restarted_node_finishes_it()
    {
        using var directory = new TempDataDirectory("vb-shutdown");
        await using var server = await TestServer.StartAsync(Settings(workers: 1), directory.Path);
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 22)); // about three seconds at 2 MB/s
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);

        // Mid-flight: the worker has reported bytes, so it holds the job inside its handler (not between claiming the
        // job and reading it back).
        await api.WaitForBackupAsync(backupId, b => ProgressDone(b, "create") > 0);
        await server.StopAsync();

        // The hand-back, seen in the row while no node runs: queued again, the attempt given back, the reason noted.
        var handedBack = await JobRowAsync(directory.Path, backupId);
        Assert.Equal((JobState.Queued, 0, "The worker stopped (shutdown)."), handedBack);

        await server.StartAgainAsync();
        api = new BackupApi(server.CreateClient(server.Tokens.Admin), api.Tenant);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        var (state, attempts, _) = await JobRowAsync(directory.Path, backupId);
        Assert.Equal((JobState.Done, 1), (state, attempts)); // resumed once after the restart, the first attempt not counted
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(restoredId)).Sha256());
    }

    // Progress written every 200 ms, so a job of a few seconds reports several times.
    private static ServerSettings Settings(int workers)
    {
        var settings = RecoveryServers.Settings(workers, maxBytesPerSecond: 2_000_000);
        return settings with
        {
            Settings = new Dictionary<string, string>(settings.Settings) { ["VolumeBackup:Backups:ProgressInterval"] = "00:00:00.200" },
        };
    }

    /// <summary>
    /// Polls show until the job has reported a positive byte count (and, with <paramref name="mustRise"/>, a second one above
    /// it) while the backup stays in <paramref name="status"/>: progress a worker wrote, not a zero written at queueing.
    /// </summary>
    private static async Task WaitForRisingProgressAsync(BackupApi api, string backupId, string status, string operation, bool mustRise)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        long first = 0;
        var seen = new List<string>();
        while (true)
        {
            var backup = await api.ShowAsync(backupId);
            seen.Add(backup.TryGetProperty("progress", out var shown) ? shown.GetRawText() : backup.GetProperty("status").GetString()!);
            Assert.True(status == backup.GetProperty("status").GetString(), // ended before it reported twice: too fast to see
                $"The backup left {status} before its progress rose twice; seen: {string.Join(" | ", seen.Distinct())}");
            if (!backup.TryGetProperty("progress", out var progress))
            {
                Assert.True(DateTime.UtcNow < deadline, $"The {operation} never showed progress from its worker.");
                await Task.Delay(50, TestContext.Current.CancellationToken); // no worker has reported yet
                continue;
            }

            Assert.Equal(operation, progress.GetProperty("operation").GetString());
            Assert.Equal(OneGiB, progress.GetProperty("bytes_total").GetInt64());
            var done = progress.GetProperty("bytes_done").GetInt64();
            Assert.InRange(done, 0, OneGiB);
            Assert.InRange(progress.GetProperty("percent").GetDouble(), 0, 100);
            if (first == 0 && done > 0)
            {
                if (!mustRise)
                {
                    return;
                }

                first = done;
            }
            else if (first > 0 && done > first)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The {operation} reported no rising progress (first {first} bytes).");
            await Task.Delay(50);
        }
    }

    private static long ProgressDone(JsonElement backup, string operation) =>
        backup.TryGetProperty("progress", out var p) && p.GetProperty("operation").GetString() == operation
            ? p.GetProperty("bytes_done").GetInt64()
            : 0;

    // The backup's job row, read from the SQLite file (the server may be stopped).
    private static async Task<(string State, int Attempts, string? LastError)> JobRowAsync(string dataDirectory, string backupId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "volumebackup.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"State\", \"Attempts\", \"LastError\" FROM \"Jobs\" WHERE \"BackupId\" = $id ORDER BY \"Id\" DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", long.Parse(backupId, CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetInt32(1), await reader.IsDBNullAsync(2) ? null : reader.GetString(2));
    }
}

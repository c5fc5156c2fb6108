using System.Globalization;
using Microsoft.Data.Sqlite;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Telemetry;

/// <summary>
/// The server process scraped by a real Prometheus every second: after a backup and a restore made through the API,
/// Prometheus's own query API shows both jobs as done and byte counters equal to what the test wrote and the server stored.
/// </summary>
public sealed class PrometheusScrapeTests(ITestOutputHelper output)
{
    private const long VolumeBytes = 1L << 30;
    private const int BlockSize = 64 * 1024;
    private const int WrittenBytes = 4 << 20;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prometheus_sees_the_backup_and_restore_jobs_and_the_bytes_read_stored_restored_and_deduplicated()
    {
        PrometheusServer.Require();
        using var data = new TempDataDirectory("vb-metrics");
        await using var server = ServerProcess.Start(data.Path);
        await server.WaitUntilHealthyAsync(Startup);
        await using var prometheus = PrometheusServer.Start(new Uri(server.BaseUrl).Authority);
        await prometheus.WaitUntilReadyAsync(Startup);

        var api = server.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        var written = VolumeFile.RandomBytes(WrittenBytes, seed: 41);
        volume.Write(0, written);
        volume.Write(256L << 20, written); // the same blocks again, block-aligned: stored once, the copy deduplicated
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(restoredId)).Sha256());
        var storedBytes = await StoredBytesAsync(data.Path, backupId);
        Assert.InRange(storedBytes, WrittenBytes, 2L * WrittenBytes - 1); // random data: compressed little; the copy not stored

        var wanted = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["""sum(volumebackup_jobs_finished_total{kind="create_backup",outcome="done"})"""] = 1,
            ["""sum(volumebackup_jobs_finished_total{kind="restore_backup",outcome="done"})"""] = 1,
            ["""sum(volumebackup_job_duration_seconds_count{kind="restore_backup",outcome="done"})"""] = 1,
            ["sum(volumebackup_jobs_finished_total{outcome!=\"done\"}) or vector(0)"] = 0,
            ["sum(volumebackup_bytes_read_total)"] = VolumeBytes,
            ["sum(volumebackup_bytes_stored_total)"] = storedBytes,
            ["sum(volumebackup_bytes_restored_total)"] = VolumeBytes,
            ["sum(volumebackup_blocks_deduplicated_total)"] = WrittenBytes / BlockSize,
            ["""sum(volumebackup_jobs_queued{kind="create_backup"})"""] = 0,
            ["""sum(volumebackup_objectstore_errors_total) or vector(0)"""] = 0,
        };
        await WaitForAsync(prometheus, wanted);

        // Uploads were counted by operation, and at least one per pack the backup stored.
        var puts = await prometheus.QueryAsync("""sum(volumebackup_objectstore_requests_total{operation="put"})""");
        Assert.True(puts.GetValueOrDefault("") >= 1, $"object-store puts: {string.Join(", ", puts)}");
    }

    private async Task WaitForAsync(PrometheusServer prometheus, Dictionary<string, double> wanted)
    {
        var deadline = DateTime.UtcNow + ScrapeWait;
        var seen = new Dictionary<string, double?>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var query in wanted.Keys)
            {
                var samples = await prometheus.QueryAsync(query);
                seen[query] = samples.TryGetValue("", out var value) ? value : null;
            }

            var wrong = wanted.Where(w => seen[w.Key] != w.Value).ToList();
            if (wrong.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                output.WriteLine(await prometheus.TargetsAsync());
                Assert.Fail("Prometheus did not show the expected values:\n" + string.Join("\n",
                    wrong.Select(w => $"{w.Key}: expected {w.Value.ToString(CultureInfo.InvariantCulture)}, saw {seen[w.Key]?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}")));
            }

            await Task.Delay(500);
        }
    }

    // The bytes the backup added to its container, as the server recorded them on the backup's row.
    private static async Task<long> StoredBytesAsync(string dataDirectory, string backupId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "volumebackup.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "StoredBytes" FROM "Backups" WHERE "Id" = $id""";
        command.Parameters.AddWithValue("$id", long.Parse(backupId, CultureInfo.InvariantCulture));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Telemetry;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Cancel;

/// <summary>
/// What a cancel leaves in the jobs table and the job metrics, so operators can tell it from a failure: a queued backup
/// ended by the request and a running one stopped by its worker both end <c>cancelled</c> with the cancel's reason and
/// count as outcome <c>cancelled</c>; a backup that fails for another reason still ends <c>failed</c>. One worker, slowed
/// to 2 MB/s, so the second backup waits in the queue behind the first.
/// </summary>
public abstract class CancelledJobStateContract
{
    protected abstract Task<ServerSettings> SettingsAsync(Dictionary<string, string> settings);

    protected virtual Task CleanUpAsync(ServerSettings settings) => Task.CompletedTask;

    [Fact]
    public async Task Cancelled_jobs_end_cancelled_and_a_failed_job_still_ends_failed()
    {
        var settings = await SettingsAsync(BackupServerFixture.Settings(
            ("VolumeBackup:Backups:Workers", "1"),
            ("VolumeBackup:Backups:LeaseDuration", "00:00:05"),
            ("VolumeBackup:Backups:HeartbeatInterval", "00:00:01"),
            ("VolumeBackup:Backups:ProgressInterval", "00:00:00.250"),
            ("VolumeBackup:Backups:MaxBytesPerSecond", "2000000")));
        try
        {
            await using var server = await TestServer.StartAsync(settings);
            using var finished = new FinishedJobs(server.Services.GetRequiredService<VolumeBackupMetrics>().Meter);
            var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
            var runningVolume = await api.CreateVolumeAsync(1);
            new VolumeFile(await api.DevicePathAsync(runningVolume)).Write(0, VolumeFile.RandomBytes(24 << 20, seed: 81));
            var queuedVolume = await api.CreateVolumeAsync(1);
            var brokenVolume = await api.CreateVolumeAsync(1);

            var running = await api.CreateBackupAsync(runningVolume);
            await api.WaitForBackupAsync(running, b => b.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
                && p.GetProperty("bytes_done").GetInt64() > 0);
            var queued = await api.CreateBackupAsync(queuedVolume);
            await CancelAsync(api, queued);
            await CancelAsync(api, running);
            await api.WaitForBackupStatusAsync(running, BackupStatus.Error);

            File.Delete(await api.DevicePathAsync(brokenVolume));
            var broken = await api.CreateBackupAsync(brokenVolume);
            await api.WaitForBackupStatusAsync(broken, BackupStatus.Error);

            Assert.Equal(
                [("queued", JobState.Cancelled), ("running", JobState.Cancelled), ("broken", JobState.Failed)],
                [("queued", await JobStateAsync(server, queued)), ("running", await JobStateAsync(server, running)),
                    ("broken", await JobStateAsync(server, broken))]);
            Assert.Equal(BackupCancellation.BackupCancelled, await LastErrorAsync(server, queued));
            Assert.Equal(BackupCancellation.BackupCancelled, await LastErrorAsync(server, running));
            await finished.WaitForAsync(JobKind.CreateBackup, "cancelled", 2);
            await finished.WaitForAsync(JobKind.CreateBackup, "failed", 1);
            Assert.Equal(0, finished.Count(JobKind.CreateBackup, "done"));
        }
        finally
        {
            await CleanUpAsync(settings);
        }
    }

    private static async Task CancelAsync(BackupApi api, string backupId)
    {
        using var response = await api.Client.PostRawAsync($"{api.Backups}/{backupId}/cancel", "{}");
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> JobStateAsync(TestServer server, string backupId) => (await JobOfAsync(server, backupId)).State;

    private static async Task<string?> LastErrorAsync(TestServer server, string backupId) => (await JobOfAsync(server, backupId)).LastError;

    // The backup's only job, straight from the jobs table.
    private static async Task<JobRecord> JobOfAsync(TestServer server, string backupId)
    {
        var id = long.Parse(backupId, CultureInfo.InvariantCulture);
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>().Jobs.AsNoTracking()
            .SingleAsync(j => j.BackupId == id, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The finished-jobs counter of one server's meter. Listened to on that meter instance only: other servers in this
    /// process (tests running in parallel) have meters of the same name, and a scrape would add their jobs in.
    /// </summary>
    private sealed class FinishedJobs : IDisposable
    {
        private readonly ConcurrentDictionary<(string Kind, string Outcome), long> _counts = new();
        private readonly MeterListener _listener = new();

        public FinishedJobs(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "volumebackup.jobs.finished")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? kind = null, outcome = null;
                foreach (var tag in tags)
                {
                    kind = tag.Key == VolumeBackupMetrics.KindTag ? tag.Value as string : kind;
                    outcome = tag.Key == VolumeBackupMetrics.OutcomeTag ? tag.Value as string : outcome;
                }

                _counts.AddOrUpdate((kind ?? "", outcome ?? ""), value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long Count(string kind, string outcome) => _counts.GetValueOrDefault((kind, outcome));

        // A worker counts its job just after the transaction that ended it, so the count may trail the status a moment.
        public async Task WaitForAsync(string kind, string outcome, long expected)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Count(kind, outcome) != expected)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{kind} jobs finished {outcome}: {Count(kind, outcome)}, expected {expected}.");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}

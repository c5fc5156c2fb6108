using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
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
public abstract partial class CancelledJobStateContract
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
            await WaitForFinishedCountAsync(server, "cancelled", 2);
            await WaitForFinishedCountAsync(server, "failed", 1);
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

    // The exporter may serve a scrape cached a moment ago: read until the count shows up.
    private static async Task WaitForFinishedCountAsync(TestServer server, string outcome, long expected)
    {
        using var client = server.CreateClient(token: null);
        client.DefaultRequestHeaders.Accept.Clear();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var text = await client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            var count = FinishedLine().Matches(text)
                .Where(m => m.Groups["labels"].Value.Contains("kind=\"create_backup\"", StringComparison.Ordinal)
                    && m.Groups["labels"].Value.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
                .Sum(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
            if (count == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"create_backup jobs finished {outcome}: {count}, expected {expected}.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex(@"^volumebackup_jobs_finished_total\{(?<labels>[^}]*)\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex FinishedLine();
}

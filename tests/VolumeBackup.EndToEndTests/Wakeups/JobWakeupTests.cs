using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing.Backups;

namespace VolumeBackup.EndToEndTests.Wakeups;

/// <summary>
/// A backup created through an api-only node starts on the worker node that keeps its volume within a second, though
/// that worker polls only every 30 s: PostgreSQL's NOTIFY, sent with the job's commit, woke it. The worker's LISTEN
/// connection survives being killed: it reconnects and later jobs start as fast.
/// </summary>
public sealed class JobWakeupTests(ApiAndWorkerNodes nodes, ITestOutputHelper output) : IClassFixture<ApiAndWorkerNodes>
{
    private static readonly TimeSpan FastStart = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_backup_created_on_the_api_node_starts_on_the_worker_node_within_a_second()
    {
        var tenant = BackupApi.NewTenant();
        var onWorker = nodes.Worker.AdminApi(tenant);
        var onApi = nodes.Api.AdminApi(tenant);

        // Three in a row: one poll landing by chance within the second is likely enough (1 in 30), three are not.
        for (var i = 0; i < 3; i++)
        {
            var volumeId = await onWorker.CreateVolumeAsync(1);
            var backupId = await onApi.CreateBackupAsync(volumeId);
            var wait = await nodes.Database.WaitUntilClaimedAsync(backupId, ApiAndWorkerNodes.PollInterval * 2);
            output.WriteLine($"backup {backupId}: created -> claimed in {wait.TotalMilliseconds:F1} ms");
            Assert.True(wait < FastStart, $"The job waited {wait.TotalMilliseconds} ms before it started.");
            await onApi.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        }

        Assert.Single(await nodes.Database.BackendsAsync(JobDatabase.ListenerName("node-b")));
        Assert.Empty(await nodes.Database.BackendsAsync(JobDatabase.ListenerName("node-a"))); // an api-only node does not listen
    }

    [Fact]
    public async Task The_worker_listens_again_after_its_connection_is_terminated_and_later_jobs_still_start_fast()
    {
        var listener = JobDatabase.ListenerName("node-b");
        var before = Assert.Single(await WaitForListenerAsync(listener, except: null));

        await nodes.Database.TerminateAsync(before);
        var after = Assert.Single(await WaitForListenerAsync(listener, except: before));
        output.WriteLine($"listener backend {before} terminated, {after} listens now");

        var tenant = BackupApi.NewTenant();
        var volumeId = await nodes.Worker.AdminApi(tenant).CreateVolumeAsync(1);
        var backupId = await nodes.Api.AdminApi(tenant).CreateBackupAsync(volumeId);
        var wait = await nodes.Database.WaitUntilClaimedAsync(backupId, ApiAndWorkerNodes.PollInterval * 2);
        output.WriteLine($"after the reconnection: created -> claimed in {wait.TotalMilliseconds:F1} ms");
        Assert.True(wait < FastStart, $"The job waited {wait.TotalMilliseconds} ms before it started.");
        Assert.Single(nodes.Worker.Output.Split('\n'), line => line.Contains("Lost the PostgreSQL connection", StringComparison.Ordinal));
    }

    // The listener connects at start and again after a loss (first retry after a quarter second): wait for one that is
    // not the terminated backend.
    private async Task<List<int>> WaitForListenerAsync(string name, int? except)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var pids = await nodes.Database.BackendsAsync(name);
            if (pids.Count > 0 && !pids.Contains(except ?? -1))
            {
                return pids;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No listener '{name}' other than backend {except} within 15 s.");
            await Task.Delay(100);
        }
    }
}

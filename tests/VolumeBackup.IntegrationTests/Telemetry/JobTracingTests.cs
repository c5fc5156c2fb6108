using System.Collections.Concurrent;
using System.Diagnostics;
using VolumeBackup.IntegrationTests.Backups;

namespace VolumeBackup.IntegrationTests.Telemetry;

/// <summary>
/// The spans of a backup job, seen by an in-process <see cref="ActivityListener"/> on the source <c>VolumeBackup.Jobs</c>:
/// one job span (kind, backup id, outcome) and its stages as children, in order.
/// </summary>
public sealed class JobTracingTests : IClassFixture<BackupServerFixture>
{
    private readonly BackupServerFixture _fixture;

    public JobTracingTests(BackupServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_backup_job_yields_a_job_span_with_its_outcome_and_one_child_span_per_stage()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "VolumeBackup.Jobs",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var api = _fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, "available");

        // Other tests' jobs may run in this process: this backup's job span is the one naming its id.
        var job = await WaitForAsync(() => stopped.FirstOrDefault(a =>
            a.OperationName == "job create_backup" && Equals(a.GetTagItem("volumebackup.backup.id")?.ToString(), backupId)));
        Assert.Equal("create_backup", job.GetTagItem("volumebackup.job.kind"));
        Assert.Equal("done", job.GetTagItem("volumebackup.job.outcome"));
        Assert.NotEqual(ActivityStatusCode.Error, job.Status);
        var stages = stopped.Where(a => a.ParentSpanId == job.SpanId && a.TraceId == job.TraceId)
            .OrderBy(a => a.StartTimeUtc)
            .Select(a => a.OperationName)
            .ToList();
        Assert.Equal(["open_source", "data_path", "finish"], stages);
    }

    private static async Task<Activity> WaitForAsync(Func<Activity?> find)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the backup's job span never ended");
            await Task.Delay(50);
        }
    }
}

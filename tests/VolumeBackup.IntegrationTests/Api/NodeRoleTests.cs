using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Jobs.Wakeups;
using VolumeBackup.IntegrationTests.Nodes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>
/// <c>VolumeBackup:Roles</c>: an api-only node queues jobs (for the worker that keeps the volume) and runs none (no workers, no lease recovery, no wake-up
/// listener); a worker-only node runs them and answers only its health check.
/// </summary>
public sealed class NodeRoleTests
{
    [Fact]
    public async Task An_api_only_node_queues_jobs_for_a_worker_and_runs_none()
    {
        await using var server = await StartAsync("api");
        await NodeServers.SetNodeAsync(server, "node-w", DateTimeOffset.UtcNow, roles: "worker"); // a live worker elsewhere
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1); // placed on the worker: made there by a job

        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // twenty poll intervals
        var volume = await api.VolumeAsync(volumeId);
        Assert.Equal("creating", volume.GetProperty("status").GetString());
        await using var scope = server.Services.CreateAsyncScope();
        var job = await scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>().Jobs.AsNoTracking()
            .SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((JobKind.CreateVolume, "node-w", JobState.Queued, 0), (job.Kind, job.TargetHost, job.State, job.Attempts));
        Assert.Empty(JobServices(server));
    }

    [Fact]
    public async Task A_worker_only_node_answers_its_health_check_and_404_to_both_apis()
    {
        await using var server = await StartAsync("worker");
        using var client = server.CreateClient(server.Tokens.Admin);

        Assert.Equal(HttpStatusCode.OK, (await client.GetPathAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetPathAsync("v1.1/demo/os-volumes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostRawAsync("v1.1/demo/hp-volume-backups", """{"backup": {"volume_id": "1"}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetPathAsync("v3/demo/backups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetPathAsync("v3/")).StatusCode);
        Assert.Equal([typeof(JobWorker), typeof(LeaseRecoveryService)], JobServices(server).Select(s => s.GetType()).Order(ByName));
    }

    [Fact]
    public async Task A_node_with_both_roles_answers_the_api_and_runs_jobs()
    {
        await using var server = await StartAsync("api,worker");
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await api.CreateBackupAsync(volumeId);

        await api.WaitForBackupAsync(backupId, b => b.GetProperty("status").GetString() == "available");
        Assert.Equal(2, JobServices(server).Count);
    }

    private static readonly Comparer<Type> ByName = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    private static List<IHostedService> JobServices(TestServer server) =>
        [.. server.Services.GetServices<IHostedService>().Where(s => s is JobWorker or LeaseRecoveryService or JobWakeupListener)];

    private static Task<TestServer> StartAsync(string roles) => TestServer.StartAsync(new ServerSettings
    {
        Settings = new Dictionary<string, string>
        {
            ["VolumeBackup:Roles"] = roles,
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.100",
            ["VolumeBackup:Backups:RecoveryInterval"] = "00:00:00.100",
        },
    });
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>
/// A volume job that failed without its handler's statuses applied (its worker gave up after lost leases) must not leave
/// its volume in <c>creating</c> for ever: the lease recovery pass ends it as it ends stranded backup jobs.
/// </summary>
public sealed class StrandedVolumeJobTests
{
    [Fact]
    public async Task A_failed_create_volume_job_puts_its_volume_in_error_with_the_jobs_reason()
    {
        // An api-only node runs no recovery of its own, so the pass below is the only one; node-w's one heartbeat must
        // count as live however slow the machine, hence the long down time.
        await using var server = await TestServer.StartAsync(NodeServers.Node("node-api", extra: new Dictionary<string, string>
        {
            ["VolumeBackup:Roles"] = "api",
            ["VolumeBackup:Nodes:DownAfter"] = "00:10:00",
        }));
        await NodeServers.SetNodeAsync(server, "node-w", DateTimeOffset.UtcNow, roles: "worker");
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1); // creating, made by a job for node-w
        const string reason = "The worker's lease expired after 3 attempts.";
        await NodeServers.WithDbAsync(server, db => db.Jobs
            .Where(j => j.Kind == JobKind.CreateVolume)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Failed).SetProperty(j => j.LastError, reason)));

        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpiredLeaseRecovery>().RunAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(RouteIds.TryParse(volumeId, out var id));
        var volume = await NodeServers.WithDbAsync(server, db => db.Volumes.AsNoTracking().SingleAsync(v => v.Id == id));
        Assert.Equal(("error", reason), (volume.Status, volume.FailReason));
    }
}

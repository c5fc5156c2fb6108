using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>Servers with short leases for recovery tests, and a way to leave a job claimed by a worker that then "dies".</summary>
internal static class RecoveryServers
{
    public static ServerSettings Settings(int workers, int maxAttempts = 3, DatabaseProvider database = DatabaseProvider.Sqlite,
        string? connectionString = null, long maxBytesPerSecond = 0) => new()
    {
        Database = database,
        ConnectionString = connectionString,
        Settings = BackupServerFixture.Settings(
            ("VolumeBackup:Backups:Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("VolumeBackup:Backups:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // Live workers hold 10 s leases (a loaded machine must not lose them); the "dead" claim below holds 1 s.
            ("VolumeBackup:Backups:LeaseDuration", "00:00:10"),
            ("VolumeBackup:Backups:HeartbeatInterval", "00:00:01"),
            ("VolumeBackup:Backups:RecoveryInterval", "00:00:00.500"),
            ("VolumeBackup:Backups:MaxBytesPerSecond", maxBytesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    };

    /// <summary>Claims the next queued job as a worker that will never heartbeat (a crash right after the claim).</summary>
    public static async Task<JobRecord> ClaimAsDeadWorkerAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var job = await queue.TryClaimNextAsync("crashed-node/1/0", "test-node", TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.NotNull(job);
        return job;
    }

    public static async Task<JobRecord> JobAsync(TestServer server, long jobId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        return (await queue.FindAsync(jobId, CancellationToken.None))!;
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// Trusts outlive tokens (30 s on the test Keystone): a job paced to run longer than any token still completes, and
/// trusts of finished jobs are swept.
/// </summary>
public sealed class TrustLifetimeTests
{
    private static readonly TimeSpan LongJob = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_backup_and_a_restore_running_longer_than_any_token_complete_and_give_back_every_byte()
    {
        KeystoneFixture.Require();
        // 6 MiB of random bytes at 150 kB/s: about 42 s for each job, past the user's token and the first trust token.
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift(("VolumeBackup:Backups:MaxBytesPerSecond", "150000")));
        var project = await KeystoneServers.ProjectIdAsync(KeystoneFixture.Demo);
        using var client = KeystoneServers.CreateClient(server, KeystoneFixture.Demo);
        var api = new BackupApi(client, project);
        var container = "trust-long-" + Guid.NewGuid().ToString("N")[..8];
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(UserModeSwiftTrustTests.DevicePath(server, volumeId));
        volume.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 41));
        var original = volume.Sha256();

        var clock = Stopwatch.StartNew();
        var backupId = await api.CreateBackupAsync(volumeId, container);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available, LongJob);
        var backupTook = clock.Elapsed;
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);

        clock.Restart();
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available, LongJob);
        var restoreTook = clock.Elapsed;

        Assert.True(backupTook > TimeSpan.FromSeconds(35), $"The backup took only {backupTook}: no token expired under it.");
        Assert.True(restoreTook > TimeSpan.FromSeconds(35), $"The restore took only {restoreTook}: no token expired under it.");
        Assert.Equal(original, new VolumeBackup.Testing.DataPath.VolumeFile(UserModeSwiftTrustTests.DevicePath(server, restoredId)).Sha256());
        Assert.NotEmpty(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo, container) ?? []);
        Assert.Empty(await UserModeSwiftTrustTests.TrustsStillNamedAsync(server));
        TestContext.Current.SendDiagnosticMessage($"backup {backupTook.TotalSeconds:0.0} s, restore {restoreTook.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task The_recovery_sweep_deletes_the_trust_of_a_finished_job_that_still_names_one()
    {
        KeystoneFixture.Require();
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift());
        var demo = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, TestContext.Current.CancellationToken);
        var service = await KeystoneFixture.LoginAsync(KeystoneFixture.Service, TestContext.Current.CancellationToken);
        var trust = await KeystoneFixture.Client.CreateTrustAsync(
            demo.Value, demo.UserId, service.UserId, demo.ProjectId!, ["member"], DateTimeOffset.UtcNow.AddHours(1), impersonation: true,
            TestContext.Current.CancellationToken);
        long jobId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            // A job that ended while its node crashed before deleting the trust (or Keystone was down then).
            var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
            var job = new JobRecord
            {
                Kind = JobKind.DeleteBackup, State = JobState.Done, TrustId = trust.Id, MaxAttempts = 1,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Jobs.Add(job);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            jobId = job.Id;
        }

        Assert.True(await KeystoneServers.TrustExistsAsync(trust.Id));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpiredLeaseRecovery>().RunAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(await KeystoneServers.TrustExistsAsync(trust.Id), "the sweep left the finished job's trust");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var job = await scope.ServiceProvider.GetRequiredService<JobQueue>().FindAsync(jobId, TestContext.Current.CancellationToken);
            Assert.Null(job!.TrustId);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// Keystone mode with user-mode Swift, against the real Keystone and the Keystone-authenticated Swift proxy: a user's
/// backups land in the user's own account AUTH_&lt;project_id&gt; through a trust the job redeems, and the trust is
/// deleted when the job ends.
/// </summary>
public sealed class UserModeSwiftTrustTests
{
    // About three seconds per 6 MiB job: long enough to read the job's trust while it runs.
    private const string Paced = "2000000";

    [Fact]
    public async Task A_backup_through_the_hp_surface_lands_in_the_users_own_account_restores_every_byte_and_delete_leaves_no_trust()
    {
        KeystoneFixture.Require();
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift(("VolumeBackup:Backups:MaxBytesPerSecond", Paced)));
        var project = await KeystoneServers.ProjectIdAsync(KeystoneFixture.Demo);
        using var client = KeystoneServers.CreateClient(server, KeystoneFixture.Demo);
        var api = new BackupApi(client, project);
        var container = "trust-hp-" + Guid.NewGuid().ToString("N")[..8];
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(DevicePath(server, volumeId));
        volume.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 31));
        volume.Write(900L << 20, VolumeFile.TextBytes(1 << 20, seed: 32));
        var original = volume.Sha256();

        var backupId = await api.CreateBackupAsync(volumeId, container);
        var backupTrust = await TrustOfRunningJobAsync(server, long.Parse(backupId, System.Globalization.CultureInfo.InvariantCulture), JobKind.CreateBackup);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);

        var objects = await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo, container);
        Assert.NotNull(objects);
        Assert.NotEmpty(objects);
        Assert.Null(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo2, container));
        Assert.False(await KeystoneServers.TrustExistsAsync(backupTrust), "the backup job's trust outlived the job");

        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var restoredId = await api.RestoreAsync(backupId);
        var restoreTrust = await TrustOfRunningJobAsync(server, long.Parse(backupId, System.Globalization.CultureInfo.InvariantCulture), JobKind.RestoreBackup);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(original, new VolumeFile(DevicePath(server, restoredId)).Sha256());
        Assert.False(await KeystoneServers.TrustExistsAsync(restoreTrust), "the restore job's trust outlived the job");

        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.DeleteBackupAsync(backupId)).StatusCode);
        await api.WaitUntilGoneAsync(backupId);
        Assert.Empty(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo, container) ?? []);
        Assert.Empty(await TrustsStillNamedAsync(server));
    }

    [Fact]
    public async Task A_backup_through_the_cinder_surface_lands_in_the_users_own_account_and_a_volume_from_it_gets_every_byte()
    {
        KeystoneFixture.Require();
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift());
        var project = await KeystoneServers.ProjectIdAsync(KeystoneFixture.Demo);
        using var client = KeystoneServers.CreateClient(server, KeystoneFixture.Demo);
        var hp = new BackupApi(client, project);
        var cinder = new CinderBackupsApi(server, client, project);
        var volumes = new CinderVolumesApi(client, project, "3.47");
        var trustsBefore = await KeystoneServers.TrustsGrantedByAsync(KeystoneFixture.Demo);
        var container = "trust-cinder-" + Guid.NewGuid().ToString("N")[..8];
        var volumeId = await hp.CreateVolumeAsync(1);
        var volume = new VolumeFile(DevicePath(server, volumeId));
        volume.Write(0, VolumeFile.RandomBytes(3 << 20, seed: 33));
        var original = volume.Sha256();

        var backupUuid = await cinder.CreateBackupAsync(await cinder.VolumeUuidAsync(volumeId), container);
        await cinder.WaitForBackupStatusAsync(backupUuid, BackupStatus.Available);

        Assert.NotEmpty(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo, container) ?? []);
        Assert.Null(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo2, container));

        var created = await volumes.CreateAsync($$$"""{"volume": {"backup_id": "{{{backupUuid}}}", "name": "from-trust"}}""");
        var restoredId = await CinderVolumesApi.HpIdAsync(server, created.GetProperty("id").GetString()!);
        await hp.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(original, new VolumeFile(DevicePath(server, restoredId)).Sha256());

        await cinder.WaitForBackupStatusAsync(backupUuid, BackupStatus.Available);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await cinder.DeleteBackupAsync(backupUuid)).StatusCode);
        await cinder.WaitUntilGoneAsync(backupUuid);
        Assert.Empty(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo, container) ?? []);
        Assert.Empty(await TrustsStillNamedAsync(server));
        var trustsAfter = await KeystoneServers.TrustsGrantedByAsync(KeystoneFixture.Demo);
        Assert.Subset(trustsBefore, trustsAfter);
    }

    /// <summary>The volume's file (shown to admins only, and the users here are not).</summary>
    internal static string DevicePath(TestServer server, string volumeId) =>
        server.Services.GetRequiredService<VolumeBackup.Volumes.IVolumeDriver>().GetDevicePath(volumeId);

    /// <summary>Reads the trust the backup's job of <paramref name="kind"/> works under, while it runs.</summary>
    internal static async Task<string> TrustOfRunningJobAsync(TestServer server, long backupId, string kind)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using (var scope = server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
                var trust = await db.Jobs.AsNoTracking()
                    .Where(j => j.BackupId == backupId && j.Kind == kind && j.TrustId != null)
                    .Select(j => j.TrustId)
                    .FirstOrDefaultAsync();
                if (trust is not null)
                {
                    return trust;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {kind} job of backup {backupId} showed a trust.");
            await Task.Delay(50);
        }
    }

    /// <summary>The trusts the jobs table still names (none once every job ended and released its trust).</summary>
    internal static async Task<List<string>> TrustsStillNamedAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
        return await db.Jobs.AsNoTracking().Where(j => j.TrustId != null).Select(j => j.TrustId!).ToListAsync();
    }
}

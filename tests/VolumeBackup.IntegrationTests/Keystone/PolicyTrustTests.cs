using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// A backup policy in Keystone mode with user-mode Swift, against the real Keystone and the Keystone-authenticated Swift
/// proxy: the policy takes a trust when it is made, its scheduled run happens with no user present (the token that made
/// it is revoked first) and still lands in the user's own account, and deleting the policy deletes its trust.
/// </summary>
public sealed class PolicyTrustTests
{
    // The first run is due one interval after the policy is made: long enough to revoke the token before it.
    private const int IntervalSeconds = 3;

    [Fact]
    public async Task A_scheduled_backup_after_the_users_token_is_revoked_lands_in_the_users_account_restores_every_byte_and_the_policy_delete_deletes_its_trust()
    {
        KeystoneFixture.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift(
            ("VolumeBackup:Backups:MinPolicyInterval", "00:00:01"),
            ("VolumeBackup:Backups:SchedulerInterval", "00:00:00.200")));

        // One token of the user makes the volume and the policy; then it is revoked, so the schedule cannot lean on it.
        var token = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, ct);
        var project = token.ProjectId!;
        using var once = server.CreateClient(token.Value);
        var creator = new BackupApi(once, project);
        var container = "trust-policy-" + Guid.NewGuid().ToString("N")[..8];
        var volumeId = await creator.CreateVolumeAsync(1);
        var volume = new VolumeFile(UserModeSwiftTrustTests.DevicePath(server, volumeId));
        volume.Write(0, VolumeFile.RandomBytes(4 << 20, seed: 51));
        volume.Write(700L << 20, VolumeFile.TextBytes(1 << 20, seed: 52));
        var original = volume.Sha256();
        var policyId = (await ApiAssert.OkJsonAsync(await once.PostRawAsync(Policies(project), $$$"""
            {"policy": {"volume_id": "{{{volumeId}}}", "name": "trusted", "container": "{{{container}}}",
                        "schedule": {"interval_seconds": {{{IntervalSeconds}}}} } }
            """))).GetProperty("policy").GetProperty("id").GetString()!;
        await KeystoneFixture.Client.RevokeTokenAsync(token.Value, token.Value, ct);
        var admin = await KeystoneFixture.LoginAsync(KeystoneFixture.Admin, ct);
        Assert.Null(await KeystoneFixture.Client.ValidateAsync(admin.Value, token.Value, ct));
        var policyTrust = await PolicyTrustAsync(server, policyId);
        Assert.True(await KeystoneServers.TrustExistsAsync(policyTrust), "the policy holds no trust Keystone knows");

        // From here the user looks with fresh tokens of its own, as a user coming back later would.
        using var client = KeystoneServers.CreateClient(server, KeystoneFixture.Demo);
        var api = new BackupApi(client, project);
        var backupId = await FirstBackupAsync(api, TimeSpan.FromSeconds(IntervalSeconds + 30));
        // One scheduled run is enough: stopping the schedule keeps the next due time from racing the restore below.
        await ApiAssert.OkJsonAsync(await client.PutRawAsync($"{Policies(project)}/{policyId}", """{"policy": {"enabled": false}}"""));
        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(container, backup.GetProperty("container").GetString());

        Assert.NotEmpty(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo, container) ?? []);
        Assert.Null(await KeystoneServers.ListObjectsAsync(KeystoneFixture.Demo2, container));
        Assert.True(await KeystoneServers.TrustExistsAsync(policyTrust), "the scheduled job's end deleted the policy's trust");

        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(original, new VolumeFile(UserModeSwiftTrustTests.DevicePath(server, restoredId)).Sha256());

        Assert.Equal(HttpStatusCode.Accepted, (await client.DeletePathAsync($"{Policies(project)}/{policyId}")).StatusCode);
        Assert.False(await KeystoneServers.TrustExistsAsync(policyTrust), "deleting the policy left its trust in Keystone");
        Assert.Empty(await UserModeSwiftTrustTests.TrustsStillNamedAsync(server));
    }

    private static string Policies(string project) => $"v1.1/{project}/hp-volume-backup-policies";

    /// <summary>The trust the policy's row holds (none: the test fails here).</summary>
    private static async Task<string> PolicyTrustAsync(TestServer server, string policyId)
    {
        var id = long.Parse(policyId, CultureInfo.InvariantCulture);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
        var trust = await db.BackupPolicies.AsNoTracking().Where(p => p.Id == id).Select(p => p.TrustId).SingleAsync();
        Assert.NotNull(trust);
        return trust;
    }

    /// <summary>Waits for the schedule's first backup of the tenant; its id.</summary>
    private static async Task<string> FirstBackupAsync(BackupApi api, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await api.ListIdsAsync()).FirstOrDefault() is { } id)
            {
                return id;
            }

            Assert.True(DateTime.UtcNow < deadline, "the policy made no backup");
            await Task.Delay(100);
        }
    }
}

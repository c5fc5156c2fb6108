using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.EndToEndTests.Swift;

/// <summary>
/// A backup into the tenant's own Swift account, cancelled mid-upload (slowed to 2 MB/s; heartbeat 1 s): the backup
/// ends <c>error</c> with the cancel's reason, its volume is available again, and the container holds none of its
/// packs or segments, as the tenant's <c>swift</c> client lists it.
/// </summary>
public sealed class SwiftCancelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_cancelled_mid_upload_leaves_no_object_in_the_swift_container()
    {
        SwiftCli.Require();
        await using var server = await SwiftServer.StartAsync(extra: new Dictionary<string, string>
        {
            ["VolumeBackup:Backups:LeaseDuration"] = "00:00:05",
            ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
            ["VolumeBackup:Backups:ProgressInterval"] = "00:00:00.250",
            ["VolumeBackup:Backups:MaxBytesPerSecond"] = "2000000",
        });
        var api = server.AdminApi(SwiftFixture.TenantA);
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(24 << 20, seed: 75));
        var backupId = await api.CreateBackupAsync(volumeId, server.Container);
        await api.WaitForBackupAsync(backupId, b =>
            b.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("bytes_done").GetInt64() > 0);
        // Progress counts bytes read; a pack lands once enough of them are packed and uploaded: wait for the first one.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await SwiftCli.TenantA.ListAsync(server.Container, Ct)).Any(n => n.StartsWith("packs/", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "No pack landed in the container within 60 s of the backup's start.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
        }

        using (var response = await api.Client.PostAsync(new Uri($"{api.Backups}/{backupId}/cancel", UriKind.Relative), null, Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        var end = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        Assert.Equal(BackupCancellation.BackupCancelled, end.GetProperty("fail_reason").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available, TimeSpan.FromSeconds(5));
        var names = await SwiftCli.TenantA.ListAsync(server.Container, Ct);
        Assert.DoesNotContain(names, n => n.StartsWith("packs/", StringComparison.Ordinal)
            || n.StartsWith("segments/", StringComparison.Ordinal) || n.StartsWith("backups/", StringComparison.Ordinal));
    }
}

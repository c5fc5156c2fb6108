using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Verify;

/// <summary>The scrub on a real server: with ScrubShare 1 and a short period, every available backup gets verified unasked.</summary>
public sealed class ScrubTests
{
    [Fact]
    public async Task With_a_share_of_one_every_backup_of_every_container_is_verified_without_being_asked()
    {
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = BackupServerFixture.Settings(
                ("VolumeBackup:Backups:ScrubShare", "1"), ("VolumeBackup:Backups:ScrubInterval", "00:00:00.300")),
        });
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 21));
        var backups = new List<string>();
        foreach (var container in new[] { "scrub-a", "scrub-a", "scrub-b" })
        {
            var id = await api.CreateBackupAsync(volumeId, container);
            await api.WaitForBackupStatusAsync(id, BackupStatus.Available);
            await api.WaitForVolumeStatusAsync(volumeId, "available");
            backups.Add(id);
        }

        foreach (var id in backups)
        {
            var backup = await api.WaitForBackupAsync(
                id, b => b.GetProperty("verification").GetProperty("verified_at").ValueKind == JsonValueKind.String);
            Assert.Equal("verified", backup.GetProperty("verification").GetProperty("status").GetString());
            Assert.Equal(16, backup.GetProperty("verification").GetProperty("blocks_checked").GetInt64());
        }
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    public async Task A_share_outside_zero_to_one_stops_the_start_naming_the_key(string share)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new ServerSettings
        {
            Settings = BackupServerFixture.Settings(("VolumeBackup:Backups:ScrubShare", share)),
        }));
        Assert.Contains("VolumeBackup:Backups:ScrubShare", e.ToString(), StringComparison.Ordinal);
    }
}

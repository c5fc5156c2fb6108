using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>A queued job (no worker has taken it) shows no <c>progress</c>: the field appears only once a worker reports.</summary>
public sealed class QueuedProgressTests
{
    [Fact]
    public async Task A_queued_backup_and_a_queued_restore_show_no_progress()
    {
        using var directory = new TempDataDirectory("vb-queued");
        string backupId;
        await using (var working = await TestServer.StartAsync(dataDirectory: directory.Path))
        {
            var api = new BackupApi(working.CreateClient(working.Tokens.Admin), BackupApi.NewTenant());
            var volumeId = await api.CreateVolumeAsync(1);
            backupId = await api.CreateBackupAsync(volumeId);
            await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
            await working.StopAsync();
            await using var idle = await TestServer.StartAsync(NoWorkers, directory.Path);
            var idleApi = new BackupApi(idle.CreateClient(idle.Tokens.Admin), api.Tenant);

            var queuedBackupId = await idleApi.CreateBackupAsync(await idleApi.CreateVolumeAsync(1));
            await idleApi.RestoreAsync(backupId);
            var queuedBackup = await idleApi.ShowAsync(queuedBackupId);
            var queuedRestore = await idleApi.ShowAsync(backupId);

            Assert.Equal(BackupStatus.Creating, queuedBackup.GetProperty("status").GetString());
            Assert.False(queuedBackup.TryGetProperty("progress", out _), queuedBackup.ToString());
            Assert.Equal(BackupStatus.Restoring, queuedRestore.GetProperty("status").GetString());
            Assert.False(queuedRestore.TryGetProperty("progress", out _), queuedRestore.ToString());
        }
    }

    private static ServerSettings NoWorkers => new()
    {
        Settings = new Dictionary<string, string> { ["VolumeBackup:Backups:Workers"] = "0" },
    };
}

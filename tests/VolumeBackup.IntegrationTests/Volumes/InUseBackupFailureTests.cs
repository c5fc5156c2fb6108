using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Operations.Backups;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// A forced backup of an in-use volume on XFS that fails after its clone was taken (the object store refuses a PUT):
/// the backup ends in error, the volume goes back to in-use (never left backing-up), the failed backup's clone is
/// removed and the previous backup's clone, the base of the next incremental, stays.
/// </summary>
public sealed class InUseBackupFailureTests
{
    private const string Tenant = "inuse";

    [Fact]
    public async Task A_failed_in_use_backup_gives_the_volume_back_in_use_and_removes_only_its_own_clone()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        var store = new FlakyObjectStoreProvider(new FilesystemObjectStoreProvider(new DataDirectory(directory.Path).Objects)) { Transient = false };
        using var host = await StartAsync(directory.Path, store);
        var volume = await CreateInUseVolumeAsync(host);
        var good = await BackUpAsync(host, volume.Id);
        Assert.Equal((BackupStatus.Available, VolumeStatus.InUse), (good.Backup.Status, good.Volume.Status));

        store.FailingPuts = 1;
        var failed = await BackUpAsync(host, volume.Id);

        Assert.Equal(BackupStatus.Error, failed.Backup.Status);
        Assert.Equal("The backup failed: the object store refused the request.", failed.Backup.FailReason);
        Assert.Equal(VolumeStatus.InUse, failed.Volume.Status);
        Assert.Equal(volume.AttachmentId, failed.Volume.AttachmentId);
        var id = volume.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["backup-" + good.Backup.Id.ToString(CultureInfo.InvariantCulture)], SnapshotServers.SnapshotFiles(directory.Path, id));
        await host.StopAsync(TestContext.Current.CancellationToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<IHost> StartAsync(string dataDirectory, IObjectStoreProvider store)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VolumeBackup:DataDirectory"] = dataDirectory,
            ["VolumeBackup:NodeHost"] = "test-node",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
            ["VolumeBackup:Backups:MaxAttempts"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddVolumeBackup(builder.Configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton(store));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<Volume> CreateInUseVolumeAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var volume = await services.GetRequiredService<VolumeService>()
            .CreateAsync(Tenant, null, new NewVolume(1, null, null, null, []), CancellationToken.None);
        var path = host.Services.GetRequiredService<IVolumeDriver>().GetDevicePath(volume.Id.ToString(CultureInfo.InvariantCulture));
        new VolumeFile(path).Write(0, VolumeFile.RandomBytes(2 << 20, seed: 65));
        await services.GetRequiredService<VolumeAttachments>()
            .AttachAsync(Tenant, volume.Id, Guid.NewGuid().ToString("D"), null, "/dev/vdb", VolumeAttachment.ReadWrite, CancellationToken.None);
        return (await services.GetRequiredService<VolumeStore>().FindAsync(Tenant, volume.Id, CancellationToken.None))!;
    }

    /// <summary>A forced backup through the service; the rows once its job ended and the volume left backing-up.</summary>
    private static async Task<(Backup Backup, Volume Volume)> BackUpAsync(IHost host, long volumeId)
    {
        long backupId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var backup = await scope.ServiceProvider.GetRequiredService<BackupService>()
                .CreateAsync(Tenant, null, new NewBackup(volumeId, null, null, "inuse") { Force = true }, CancellationToken.None);
            backupId = backup.Id;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var backup = (await scope.ServiceProvider.GetRequiredService<BackupStore>().FindByIdAsync(backupId, CancellationToken.None))!;
            var volume = (await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindAsync(Tenant, volumeId, CancellationToken.None))!;
            if (backup.Status != BackupStatus.Creating && volume.Status != VolumeStatus.BackingUp)
            {
                return (backup, volume);
            }

            Assert.True(DateTime.UtcNow < deadline, $"The backup stayed {backup.Status}, the volume {volume.Status}.");
            await Task.Delay(100);
        }
    }
}

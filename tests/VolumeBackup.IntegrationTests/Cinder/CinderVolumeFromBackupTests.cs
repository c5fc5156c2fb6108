using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Faults;
using VolumeBackup.IntegrationTests.Api;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Create a volume from a backup (3.47): the same restore the backups resources start, into a new volume named as
/// asked; the bytes that come back are the bytes that were backed up.
/// </summary>
public sealed class CinderVolumeFromBackupTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_volume_created_from_a_backup_holds_the_backed_up_bytes_and_what_the_request_describes()
    {
        var tenant = BackupApi.NewTenant("cb");
        var hp = new BackupApi(Server.CreateClient(Server.Tokens.Admin), tenant);
        var api = new CinderVolumesApi(hp.Client, tenant, "3.47");
        var source = await api.CreateVolumeAsync(1, "source");
        var sourceHpId = await CinderVolumesApi.HpIdAsync(Server, source);
        var data = new byte[1 << 20];
        Random.Shared.NextBytes(data);
        await using (var file = File.OpenWrite(await hp.DevicePathAsync(sourceHpId)))
        {
            file.Seek(5L << 20, SeekOrigin.Begin);
            await file.WriteAsync(data, TestContext.Current.CancellationToken);
        }

        var backupHpId = await hp.CreateBackupAsync(sourceHpId);
        await hp.WaitForBackupStatusAsync(backupHpId, "available");
        var backupUuid = await BackupUuidAsync(tenant, backupHpId);

        var created = await api.CreateAsync($$$"""
            {"volume": {"backup_id": "{{{backupUuid}}}", "name": "restored", "description": "from backup", "metadata": {"k": "v"},
                        "size": null, "snapshot_id": null, "volume_type": null}}
            """);
        var id = created.GetProperty("id").GetString()!;
        var restoredHpId = await CinderVolumesApi.HpIdAsync(Server, id);
        await hp.WaitForVolumeStatusAsync(restoredHpId, "available");
        await hp.WaitForBackupStatusAsync(backupHpId, "available");

        Assert.Equal("restored", created.GetProperty("name").GetString());
        Assert.Equal("from backup", created.GetProperty("description").GetString());
        Assert.Equal("""{"k":"v"}""", created.GetProperty("metadata").GetRawText());
        Assert.Equal(1, created.GetProperty("size").GetInt32());
        Assert.Contains(created.GetProperty("status").GetString(), new[] { "restoring-backup", "available" });
        var restored = new byte[data.Length];
        await using (var file = File.OpenRead(await hp.DevicePathAsync(restoredHpId)))
        {
            file.Seek(5L << 20, SeekOrigin.Begin);
            await file.ReadExactlyAsync(restored, TestContext.Current.CancellationToken);
        }

        Assert.Equal(data, restored);
        Assert.Equal("restored", (await api.ShowAsync(id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_missing_backup_is_404_a_wrong_size_400_and_before_3_47_backup_id_is_refused()
    {
        var tenant = BackupApi.NewTenant("cb");
        var hp = new BackupApi(Server.CreateClient(Server.Tokens.Admin), tenant);
        var api = new CinderVolumesApi(hp.Client, tenant, "3.47");
        var source = await api.CreateVolumeAsync(1);
        var backupHpId = await hp.CreateBackupAsync(await CinderVolumesApi.HpIdAsync(Server, source));
        await hp.WaitForBackupStatusAsync(backupHpId, "available");
        var backupUuid = await BackupUuidAsync(tenant, backupHpId);
        const string missing = "5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e0f";

        await ApiAssert.FaultAsync(await api.PostCreateAsync($$$"""{"volume": {"backup_id": "{{{missing}}}"}}"""), HttpStatusCode.NotFound,
            "itemNotFound", FaultMessages.BackupNotFound(missing));
        await ApiAssert.FaultAsync(await api.PostCreateAsync($$$"""{"volume": {"backup_id": "{{{backupUuid}}}", "size": 2}}"""), HttpStatusCode.BadRequest,
            "badRequest", "Incorrect request body format. 'size' must be the backup's size, 1, or left out.");
        await ApiAssert.FaultAsync(await api.At("3.46").PostCreateAsync($$$"""{"volume": {"size": 1, "backup_id": "{{{backupUuid}}}"}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Incorrect request body format. 'backup_id' needs microversion 3.47 or later.");
        Assert.Equal([source], CinderVolumesApi.Ids(await api.ListAsync()));
    }

    private async Task<Guid> BackupUuidAsync(string tenant, string backupHpId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var backup = await scope.ServiceProvider.GetRequiredService<BackupStore>()
            .FindAsync(tenant, long.Parse(backupHpId, CultureInfo.InvariantCulture), CancellationToken.None);
        return backup!.Uuid;
    }
}

using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

public sealed class BackupQuotaTests
{
    [Fact]
    public async Task Restore_to_a_new_volume_beyond_the_gigabyte_quota_is_badRequest_naming_the_size_and_creates_nothing()
    {
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = new Dictionary<string, string> { ["VolumeBackup:Quotas:Gigabytes"] = "3" },
        });
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(2);
        var backupId = await BackupArrange.AddBackupAsync(server, api.Tenant, volumeId, BackupStatus.Available, sizeGb: 2);

        var response = await api.PostRestoreAsync(backupId, "{\"restore\": {}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeQuotaExceeded(2));
        Assert.Equal("Volume quota exceeded. You cannot create a volume of size 2G", FaultMessages.VolumeQuotaExceeded(2));
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
        Assert.Equal((1, 1, 0), await BackupArrange.CountRowsAsync(server));
    }

    [Fact]
    public async Task Restore_to_a_new_volume_beyond_the_volume_count_quota_is_badRequest()
    {
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = new Dictionary<string, string> { ["VolumeBackup:Quotas:Volumes"] = "1" },
        });
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(server, api.Tenant, volumeId, BackupStatus.Available);

        var response = await api.PostRestoreAsync(backupId, "{\"restore\": {}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeQuotaExceeded(1));
    }
}

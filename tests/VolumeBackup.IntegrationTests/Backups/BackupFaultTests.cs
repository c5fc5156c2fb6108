using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>Every error answer the spec lists, with its exact body, and that each refused request changed nothing.</summary>
public sealed class BackupFaultTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("424242")]
    [InlineData("abc")]
    [InlineData("-3")]
    public async Task Show_of_a_missing_backup_is_itemNotFound_naming_it(string id)
    {
        var api = fixture.NewTenant();

        var response = await api.Client.GetPathAsync($"{api.Backups}/{id}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.BackupNotFound(id));
    }

    [Fact]
    public async Task Create_on_a_missing_volume_is_itemNotFound_naming_the_volume()
    {
        var api = fixture.NewTenant();

        var response = await api.PostBackupAsync("""{"backup": {"volume_id": "987654"}}""");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound("987654"));
        Assert.Empty(await api.ListIdsAsync());
    }

    [Fact]
    public async Task Create_on_a_volume_that_is_not_available_is_badRequest_and_creates_nothing()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        await BackupArrange.SetVolumeStatusAsync(Server, volumeId, VolumeStatus.Available, VolumeStatus.RestoringBackup);

        var response = await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volumeId}\"}}}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeToBackUpMustBeAvailable);
        Assert.Empty(await api.ListIdsAsync());
    }

    [Fact]
    public async Task Delete_of_a_missing_backup_is_the_generic_itemNotFound()
    {
        var api = fixture.NewTenant();

        await ApiAssert.FaultAsync(await api.DeleteBackupAsync("424242"), HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
        await ApiAssert.FaultAsync(await api.DeleteBackupAsync("x1"), HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
    }

    [Theory]
    [InlineData(BackupStatus.Creating)]
    [InlineData(BackupStatus.Restoring)]
    [InlineData(BackupStatus.Deleting)]
    public async Task Delete_of_a_backup_that_is_not_available_or_error_is_badRequest_and_keeps_it(string status)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, api.Tenant, volumeId, status);

        var response = await api.DeleteBackupAsync(backupId);

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.BackupStatusMustBeAvailableOrError);
        Assert.Equal(status, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_of_a_backup_in_error_is_accepted_and_removes_it()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, api.Tenant, volumeId, BackupStatus.Error);

        Assert.Equal(HttpStatusCode.Accepted, (await api.DeleteBackupAsync(backupId)).StatusCode);

        await api.WaitUntilGoneAsync(backupId);
    }

    [Fact]
    public async Task Restore_of_a_missing_backup_is_itemNotFound_naming_it()
    {
        var api = fixture.NewTenant();

        var response = await api.PostRestoreAsync("424242", "{\"restore\": {}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.BackupNotFound("424242"));
    }

    [Theory]
    [InlineData(BackupStatus.Creating)]
    [InlineData(BackupStatus.Restoring)]
    [InlineData(BackupStatus.Deleting)]
    [InlineData(BackupStatus.Error)]
    public async Task Restore_of_a_backup_that_is_not_available_is_badRequest_and_changes_nothing(string status)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, api.Tenant, volumeId, status);

        var response = await api.PostRestoreAsync(backupId, $"{{\"restore\": {{\"volume_id\": \"{volumeId}\"}}}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.BackupStatusMustBeAvailable);
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(volumeId)).GetProperty("status").GetString());
        Assert.Equal(status, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Restore_to_a_missing_volume_is_itemNotFound_naming_the_volume()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, api.Tenant, volumeId, BackupStatus.Available);

        var response = await api.PostRestoreAsync(backupId, "{\"restore\": {\"volume_id\": \"555555\"}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound("555555"));
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Restore_to_a_volume_that_is_not_available_is_badRequest_and_changes_nothing()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, api.Tenant, volumeId, BackupStatus.Available);
        await BackupArrange.SetVolumeStatusAsync(Server, volumeId, VolumeStatus.Available, VolumeStatus.BackingUp);

        var response = await api.PostRestoreAsync(backupId, $"{{\"restore\": {{\"volume_id\": \"{volumeId}\"}}}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeToRestoreToMustBeAvailable);
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Restore_to_a_volume_smaller_than_the_backup_is_badRequest_and_changes_nothing()
    {
        var api = fixture.NewTenant();
        var small = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, api.Tenant, small, BackupStatus.Available, sizeGb: 2);

        var response = await api.PostRestoreAsync(backupId, $"{{\"restore\": {{\"volume_id\": \"{small}\"}}}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeToRestoreToIsTooSmall);
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(small)).GetProperty("status").GetString());
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_tenants_backup_is_not_found_for_show_delete_and_restore_never_forbidden()
    {
        var owner = fixture.NewTenant();
        var volumeId = await owner.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(Server, owner.Tenant, volumeId, BackupStatus.Available);
        using var demo = Server.CreateClient(Server.Tokens.Demo);
        var stranger = new BackupApi(demo, "demo");

        await ApiAssert.FaultAsync(await demo.GetPathAsync($"{stranger.Backups}/{backupId}"),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.BackupNotFound(backupId));
        await ApiAssert.FaultAsync(await stranger.DeleteBackupAsync(backupId),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
        await ApiAssert.FaultAsync(await stranger.PostRestoreAsync(backupId, "{\"restore\": {}}"),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.BackupNotFound(backupId));
        Assert.DoesNotContain(backupId, await stranger.ListIdsAsync());
        Assert.Equal(BackupStatus.Available, (await owner.ShowAsync(backupId)).GetProperty("status").GetString());
    }
}

using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>Malformed requests answer the spec's 400 <c>Incorrect request body format.</c> and change nothing.</summary>
public sealed class BackupBadInputTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"backup\": {\"volume_id\": \"1\"")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"backup\": null}")]
    [InlineData("{\"backup\": \"1\"}")]
    [InlineData("{\"backup\": []}")]
    [InlineData("{\"backup\": {}}")]
    [InlineData("{\"volume_id\": \"VOL\"}")]
    [InlineData("{\"backup\": {\"volume_id\": null}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"abc\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"-1\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": -1}}")]
    [InlineData("{\"backup\": {\"volume_id\": 0}}")]
    [InlineData("{\"backup\": {\"volume_id\": 1.5}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"1e3\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": true}}")]
    [InlineData("{\"backup\": {\"volume_id\": [\"VOL\"]}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"99999999999999999999999\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"display_name\": 5}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"display_description\": {}}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": 7}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"a/b\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"..\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \".\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"tab\\there\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"nul\\u0000\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"LONG257\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"display_name\": \"LONG256\"}}")]
    public async Task A_malformed_create_is_badRequest_and_creates_nothing(string body)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var before = await BackupArrange.CountRowsAsync(fixture.Server);

        var response = await api.PostBackupAsync(body
            .Replace("VOL", volumeId, StringComparison.Ordinal)
            .Replace("LONG257", new string('c', 257), StringComparison.Ordinal)
            .Replace("LONG256", new string('n', 256), StringComparison.Ordinal));

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.IncorrectBodyFormat);
        Assert.Empty(await api.ListIdsAsync());
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(volumeId)).GetProperty("status").GetString());
        Assert.Equal(before, await BackupArrange.CountRowsAsync(fixture.Server));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"restore\": {\"volume_id\": \"1\"")]
    [InlineData("{}")]
    [InlineData("{\"restore\": null}")]
    [InlineData("{\"restore\": \"1\"}")]
    [InlineData("{\"volume_id\": \"VOL\"}")]
    [InlineData("{\"restore\": {\"volume_id\": \"abc\"}}")]
    [InlineData("{\"restore\": {\"volume_id\": -5}}")]
    [InlineData("{\"restore\": {\"volume_id\": {}}}")]
    public async Task A_malformed_restore_is_badRequest_and_changes_nothing(string body)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Available);
        var before = await BackupArrange.CountRowsAsync(fixture.Server);

        var response = await api.PostRestoreAsync(backupId, body.Replace("VOL", volumeId, StringComparison.Ordinal));

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.IncorrectBodyFormat);
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(volumeId)).GetProperty("status").GetString());
        Assert.Equal(before, await BackupArrange.CountRowsAsync(fixture.Server));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_and_creates_nothing()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var before = await BackupArrange.CountRowsAsync(fixture.Server);

        var response = await api.PostBackupAsync(
            $"{{\"backup\": {{\"volume_id\": \"{volumeId}\", \"display_description\": \"{new string('x', 200_000)}\"}}}}");

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"got {(int)response.StatusCode}");
        Assert.Empty(await api.ListIdsAsync());
        Assert.Equal(before, await BackupArrange.CountRowsAsync(fixture.Server));
    }

    [Fact]
    public async Task A_backup_of_another_tenants_volume_is_itemNotFound()
    {
        var owner = fixture.NewTenant();
        var volumeId = await owner.CreateVolumeAsync(1);
        using var demo = fixture.Server.CreateClient(fixture.Server.Tokens.Demo);
        var stranger = new BackupApi(demo, "demo");

        var response = await stranger.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volumeId}\"}}}}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound(volumeId));
        Assert.Equal(VolumeStatus.Available, (await owner.VolumeAsync(volumeId)).GetProperty("status").GetString());
    }
}

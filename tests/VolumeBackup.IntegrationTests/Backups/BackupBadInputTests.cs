using System.Net;
using System.Text;
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
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"LONG256\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"E128\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"display_name\": \"\\ud800\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"display_description\": \"a\\udc00b\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"\\ud800\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"\\ud800\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"\\ud800\": 1}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"extra\": [\"\\udfff\"]}}")]
    [InlineData("{\"backup\": null, \"backup\": {\"volume_id\": \"VOL\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"volume_id\": \"VOL\"}}")]
    [InlineData("{\"backup\": {\"volume_id\": \"VOL\", \"container\": \"a\", \"container\": \"b\"}}")]
    public async Task A_malformed_create_is_badRequest_and_creates_nothing(string body)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var before = await BackupArrange.CountRowsAsync(fixture.Server);

        var response = await api.PostBackupAsync(body
            .Replace("VOL", volumeId, StringComparison.Ordinal)
            .Replace("LONG257", new string('c', 257), StringComparison.Ordinal)
            .Replace("LONG256", new string('n', 256), StringComparison.Ordinal)
            .Replace("E128", new string('\u00e9', 128), StringComparison.Ordinal)); // 128 characters, 256 UTF-8 bytes

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
    [InlineData("{\"restore\": {\"volume_id\": \"\\ud800\"}}")]
    [InlineData("{\"restore\": {\"volume_id\": \"VOL\", \"name\": \"\\udbff\"}}")]
    [InlineData("{\"restore\": {}, \"restore\": {\"volume_id\": \"VOL\"}}")]
    [InlineData("{\"restore\": {\"volume_id\": \"VOL\", \"volume_id\": null}}")]
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

    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task Invalid_utf8_inside_a_json_string_is_badRequest_and_changes_nothing(string operation)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Available);
        var before = await BackupArrange.CountRowsAsync(fixture.Server);
        var json = Encoding.UTF8.GetBytes($"{{\"{operation}\": {{\"volume_id\": \"{volumeId}\", \"display_name\": \"a#b\"}}}}");
        json[Array.IndexOf(json, (byte)'#')] = 0xFF; // never valid in UTF-8
        var path = operation == "backup" ? api.Backups : $"{api.Backups}/{backupId}/restore";

        var response = await api.Client.PostAsync(new Uri(path, UriKind.Relative), Json(json), TestContext.Current.CancellationToken);

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.IncorrectBodyFormat);
        Assert.Equal(before, await BackupArrange.CountRowsAsync(fixture.Server));
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(256, 'c')] // 256 ASCII bytes: Swift would take it, a file system will not
    [InlineData(128, '\u00e9')] // 128 characters but 256 UTF-8 bytes
    [InlineData(20, 'n')] // a valid name that never held an object
    public async Task A_backup_whose_container_never_held_objects_is_deleted(int length, char letter)
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var container = length == 20 ? "never-" + Guid.NewGuid().ToString("N")[..14] : new string(letter, length);
        var backupId = await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Error, container: container);

        var response = await api.DeleteBackupAsync(backupId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await api.WaitUntilGoneAsync(backupId);
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

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}

using System.Text;
using System.Text.Json;
using VolumeBackup.Client.Http;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.UnitTests.Client;

public sealed class JsonEnvelopeTests
{
    [Fact]
    public void A_create_request_is_wrapped_and_leaves_out_what_was_not_given()
    {
        var body = JsonEnvelope.Wrap("backup", new CreateBackupRequest("9", "nightly"), ClientJsonContext.Default.CreateBackupRequest);

        Assert.Equal("""{"backup":{"volume_id":"9","display_name":"nightly"}}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_restore_without_a_volume_sends_an_empty_restore_object()
    {
        var body = JsonEnvelope.Wrap("restore", new RestoreRequest(), ClientJsonContext.Default.RestoreRequest);

        Assert.Equal("""{"restore":{}}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task The_named_object_is_read_out_of_its_envelope()
    {
        using var body = new MemoryStream("""{"restore": {"backup_id": "1", "volume_id": "9"}}"""u8.ToArray());

        var result = await JsonEnvelope.UnwrapAsync(body, "restore", ClientJsonContext.Default.RestoreResult, TestContext.Current.CancellationToken);

        Assert.Equal(new RestoreResult("1", "9"), result);
    }

    [Fact]
    public async Task A_body_without_the_named_object_is_a_protocol_error()
    {
        using var body = new MemoryStream("""{"volume": {}}"""u8.ToArray());

        await Assert.ThrowsAsync<JsonException>(() =>
            JsonEnvelope.UnwrapAsync(body, "restore", ClientJsonContext.Default.RestoreResult, TestContext.Current.CancellationToken));
    }
}

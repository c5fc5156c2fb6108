using System.Net;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.IntegrationTests.Api;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// The attach state machine through the volume actions, and what an attached volume refuses on both surfaces: a
/// backup (the HP API's 400), a restore into it, a delete.
/// </summary>
public sealed class CinderVolumeAttachTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string Server1 = "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69";
    private const string AttachBody = $$$"""{"os-attach": {"instance_uuid": "{{{Server1}}}", "mountpoint": "/dev/vdb", "mode": "rw"}}""";

    private TestServer Server => fixture.Server;

    private CinderVolumesApi Demo(string? version = null) => new(Server.CreateClient(Server.Tokens.Demo), "demo", version);

    [Fact]
    public async Task Reserve_attach_begin_detaching_and_detach_walk_a_volume_to_in_use_and_back()
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();

        await api.ActionAsync(id, """{"os-reserve": null}""");
        var reserved = await api.StatusAsync(id);
        await api.ActionAsync(id, AttachBody);
        var attached = await api.ShowAsync(id);
        await api.ActionAsync(id, """{"os-begin_detaching": {}}""");
        var detaching = await api.StatusAsync(id);
        await api.ActionAsync(id, """{"os-roll_detaching": null}""");
        var rolledBack = await api.StatusAsync(id);
        var attachmentId = attached.GetProperty("attachments")[0].GetProperty("attachment_id").GetString();
        await api.ActionAsync(id, $$$"""{"os-detach": {"attachment_id": "{{{attachmentId}}}"}}""");
        var detached = await api.ShowAsync(id);

        Assert.Equal(["attaching", "in-use", "detaching", "in-use", "available"],
            [reserved, attached.GetProperty("status").GetString()!, detaching, rolledBack, detached.GetProperty("status").GetString()!]);
        var attachment = Assert.Single(attached.GetProperty("attachments").EnumerateArray());
        Assert.Equal(["attached_at", "attachment_id", "device", "host_name", "id", "server_id", "volume_id"],
            attachment.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(id, attachment.GetProperty("id").GetString());
        Assert.Equal(id, attachment.GetProperty("volume_id").GetString());
        Assert.Equal(Server1, attachment.GetProperty("server_id").GetString());
        Assert.Equal("/dev/vdb", attachment.GetProperty("device").GetString());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("host_name").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", attachment.GetProperty("attached_at").GetString());
        Assert.Matches("^[0-9a-f-]{36}$", attachmentId);
        Assert.Equal("[]", detached.GetProperty("attachments").GetRawText());
    }

    [Fact]
    public async Task Unreserve_gives_the_volume_back_and_attach_works_from_available_to_a_host()
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();

        await api.ActionAsync(id, """{"os-reserve": {}}""");
        await api.ActionAsync(id, """{"os-unreserve": {}}""");
        var afterUnreserve = await api.StatusAsync(id);
        await api.ActionAsync(id, """{"os-attach": {"host_name": "compute-1", "mountpoint": "/dev/sdb", "mode": "ro"}}""");
        var attached = await api.ShowAsync(id);
        await api.ActionAsync(id, """{"os-detach": null}""");

        Assert.Equal("available", afterUnreserve);
        Assert.Equal("in-use", attached.GetProperty("status").GetString());
        Assert.Equal("compute-1", attached.GetProperty("attachments")[0].GetProperty("host_name").GetString());
        Assert.Equal("available", await api.StatusAsync(id));
    }

    [Fact]
    public async Task Out_of_order_actions_are_400_with_cinders_messages_and_change_nothing()
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();
        await api.ActionAsync(id, AttachBody);

        await ApiAssert.FaultAsync(await api.ActionResponseAsync(id, """{"os-reserve": null}"""), HttpStatusCode.BadRequest, "badRequest",
            "Invalid volume: Volume status must be available to reserve, but the status is in-use.");
        await ApiAssert.FaultAsync(await api.ActionResponseAsync(id, AttachBody), HttpStatusCode.BadRequest, "badRequest",
            "Invalid volume: Volume status must be available or attaching to attach, but the status is in-use.");
        await ApiAssert.FaultAsync(await api.ActionResponseAsync(id, """{"os-detach": {"attachment_id": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a00"}}"""),
            HttpStatusCode.NotFound, "itemNotFound", "Volume attachment 0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a00 could not be found.");
        Assert.Equal("in-use", await api.StatusAsync(id));

        var free = await api.CreateVolumeAsync();
        await ApiAssert.FaultAsync(await api.ActionResponseAsync(free, """{"os-begin_detaching": null}"""), HttpStatusCode.BadRequest, "badRequest",
            FaultMessages.VolumeMustBeInUseToDetach);
        await ApiAssert.FaultAsync(await api.ActionResponseAsync(free, """{"os-detach": null}"""), HttpStatusCode.BadRequest, "badRequest",
            FaultMessages.VolumeMustBeInUseToDetach);
        Assert.Equal("available", await api.StatusAsync(free));
    }

    [Theory]
    [InlineData("""{"os-attach": {"mountpoint": "/dev/vdb"}}""", "Invalid request to attach volume to an invalid target")]
    [InlineData("""{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": "/dev/vdb", "mode": "rx"}}""",
        "Invalid request to attach volume with an invalid mode. Attaching mode should be 'rw' or 'ro'")]
    [InlineData("""{"os-attach": {"instance_uuid": "vm-1", "mountpoint": "/dev/vdb"}}""", "Invalid input for field/attribute os-attach. 'instance_uuid' must be a UUID.")]
    [InlineData("""{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69"}}""",
        "Invalid input for field/attribute os-attach: 'mountpoint' is a required property.")]
    [InlineData("""{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": 7}}""",
        "Incorrect request body format. 'mountpoint' must be a string.")]
    [InlineData("""{"os-attach": {"mountpoint": "/dev/vdb", "colour": "red"}}""",
        "Invalid input for field/attribute os-attach. Additional properties are not allowed ('colour' was unexpected).")]
    [InlineData("""{"os-reserve": {"now": true}}""", "Invalid input for field/attribute os-reserve: it takes no arguments (null or {}).")]
    [InlineData("""{"os-extend": {"new_size": 2}}""", "There is no such action: os-extend")]
    [InlineData("""{"os-reserve": null, "os-unreserve": null}""", "Malformed request body: an action request names exactly one action.")]
    [InlineData("""[]""", "Incorrect request body format.")]
    public async Task Bad_action_bodies_are_400_and_leave_the_volume_available(string body, string message)
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();

        await ApiAssert.FaultAsync(await api.ActionResponseAsync(id, body), HttpStatusCode.BadRequest, "badRequest", message);
        Assert.Equal("available", await api.StatusAsync(id));
    }

    [Fact]
    public async Task An_in_use_volume_cannot_be_backed_up_through_the_hp_api_restored_into_or_deleted()
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();
        await api.ActionAsync(id, AttachBody);
        var hpId = await CinderVolumesApi.HpIdAsync(Server, id);
        var hp = new BackupApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        var backupId = await BackupArrange.AddBackupAsync(Server, "demo", hpId, BackupStatus.Available);

        await ApiAssert.FaultAsync(await hp.PostBackupAsync($$$"""{"backup": {"volume_id": "{{{hpId}}}"}}"""), HttpStatusCode.BadRequest, "badRequest",
            FaultMessages.VolumeToBackUpMustBeAvailable);
        await ApiAssert.FaultAsync(await hp.PostRestoreAsync(backupId, $$$"""{"restore": {"volume_id": "{{{hpId}}}"}}"""), HttpStatusCode.BadRequest,
            "badRequest", FaultMessages.VolumeToRestoreToMustBeAvailable);
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Delete, $"{api.Volumes}/{id}"), HttpStatusCode.BadRequest, "badRequest",
            FaultMessages.VolumeStatusMustBeAvailableOrError);
        await ApiAssert.FaultAsync(await hp.Client.DeletePathAsync($"v1.1/demo/os-volumes/{hpId}"), HttpStatusCode.BadRequest, "badRequest",
            FaultMessages.VolumeStatusMustBeAvailableOrError);
        Assert.Equal("in-use", await api.StatusAsync(id));
        Assert.Equal(BackupStatus.Available, (await hp.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_hp_os_volumes_view_shows_an_in_use_volume_with_its_attachment()
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();
        await api.ActionAsync(id, AttachBody);
        var hpId = await CinderVolumesApi.HpIdAsync(Server, id);
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var shown = (await ApiAssert.OkJsonAsync(await client.GetPathAsync($"v1.1/demo/os-volumes/{hpId}"))).GetProperty("volume");
        var listed = (await ApiAssert.OkJsonAsync(await client.GetPathAsync("v1.1/demo/os-volumes/detail")))
            .GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("id").GetString() == hpId);

        Assert.Equal("in-use", shown.GetProperty("status").GetString());
        Assert.Equal($$$"""[{"id":"{{{hpId}}}","volumeId":"{{{hpId}}}","serverId":"{{{Server1}}}","device":"/dev/vdb"}]""",
            shown.GetProperty("attachments").GetRawText());
        Assert.Equal(shown.GetRawText(), listed.GetRawText());
        await api.ActionAsync(id, """{"os-detach": {}}""");
        var detached = (await ApiAssert.OkJsonAsync(await client.GetPathAsync($"v1.1/demo/os-volumes/{hpId}"))).GetProperty("volume");
        Assert.Equal("[]", detached.GetProperty("attachments").GetRawText());
    }
}

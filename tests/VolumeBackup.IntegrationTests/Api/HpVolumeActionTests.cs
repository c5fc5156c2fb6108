using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>
/// The HP surface's admin actions on <c>/os-volumes/{id}/action</c>: an admin attaches and detaches (the same bookkeeping
/// as Cinder's), a member is refused, and an in-use volume still gets the spec's 400 from the HP backup create.
/// </summary>
public sealed class HpVolumeActionTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string Attach = """{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": "/dev/vdb"}}""";

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task An_admin_attaches_and_detaches_and_the_hp_backup_create_answers_the_specs_400_meanwhile()
    {
        var api = new BackupApi(Server.CreateClient(Server.Tokens.Admin), "demo");
        var volume = await api.CreateVolumeAsync(1);
        var action = $"v1.1/demo/os-volumes/{volume}/action";

        Assert.Equal(HttpStatusCode.Accepted, (await api.Client.PostRawAsync(action, Attach)).StatusCode);
        var attached = await api.VolumeAsync(volume);
        var refused = await api.PostBackupAsync($$$"""{"backup": {"volume_id": "{{{volume}}}"}}""");
        var detached = await api.Client.PostRawAsync(action, """{"os-detach": null}""");

        Assert.Equal("in-use", attached.GetProperty("status").GetString());
        Assert.Equal("/dev/vdb", attached.GetProperty("attachments")[0].GetProperty("device").GetString());
        await ApiAssert.FaultAsync(refused, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeToBackUpMustBeAvailable);
        Assert.Equal(HttpStatusCode.Accepted, detached.StatusCode);
        Assert.Equal("available", (await api.VolumeAsync(volume)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_member_may_not_and_unknown_actions_and_volumes_are_refused()
    {
        var admin = new BackupApi(Server.CreateClient(Server.Tokens.Admin), "demo");
        var volume = await admin.CreateVolumeAsync(1);
        using var member = Server.CreateClient(Server.Tokens.Demo);

        await ApiAssert.FaultAsync(await member.PostRawAsync($"v1.1/demo/os-volumes/{volume}/action", Attach), HttpStatusCode.Forbidden,
            "forbidden", "Policy doesn't allow volume_extension:volume_admin_actions:attach to be performed.");
        await ApiAssert.FaultAsync(await admin.Client.PostRawAsync($"v1.1/demo/os-volumes/{volume}/action", """{"os-extend": {"new_size": 2}}"""),
            HttpStatusCode.BadRequest, "badRequest", "There is no such action: os-extend");
        await ApiAssert.FaultAsync(await admin.Client.PostRawAsync("v1.1/demo/os-volumes/999999999/action", Attach),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound("999999999"));
        await ApiAssert.FaultAsync(await admin.Client.PostRawAsync($"v1.1/demo/os-volumes/{volume}/action", """{"os-detach": null}"""),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeMustBeInUseToDetach);
        Assert.Equal("available", (await admin.VolumeAsync(volume)).GetProperty("status").GetString());
    }
}

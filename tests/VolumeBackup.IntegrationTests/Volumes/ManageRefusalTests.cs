using System.Diagnostics;
using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Servers;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// Every refused manage and unmanage request: a 400 (403 for a member) with the fault body, and nothing changed (no row
/// added or removed, no byte of any device written).
/// </summary>
public sealed class ManageRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_paths_are_400_with_the_reason_and_change_nothing_on_both_surfaces()
    {
        using var held = await LoopDevice.LeaseAsync(Ct);
        using var managed = await LoopDevice.LeaseAsync(Ct);
        using var outside = await LoopDevice.LeaseAsync(Ct);
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        var fifo = Path.Combine(dir.Path, "fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync(Ct);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        Directory.CreateDirectory(Path.Combine(dir.Path, "sub"));
        var escape = Path.Combine(dir.Path, "escape");
        File.CreateSymbolicLink(escape, "/etc/hostname");
        var alias = Path.Combine(dir.Path, "alias");
        File.CreateSymbolicLink(alias, managed.Path);
        var hashes = await HashesAsync(held, managed, outside);

        await using var server = await ManagedServer.StartAsync(held.Path, managed.Path, dir.Path, "/tmp");
        await server.ManageHpAsync(managed.Path);
        var own = await server.Hp.DevicePathAsync(await server.Hp.CreateVolumeAsync(1)); // a file the service made
        using var holder = ExclusiveHolder.Open(held.Path); // as a mount would hold it
        var rows = await server.VolumeRowsAsync();

        (string Path, string Message)[] cases =
        [
            (outside.Path, FaultMessages.ManagePathNotAllowed(outside.Path, outside.Path)),
            (escape, FaultMessages.ManagePathNotAllowed(escape, "/etc/hostname")),
            (fifo, FaultMessages.ManagePathWrongKind(fifo)),
            (Path.Combine(dir.Path, "sub"), FaultMessages.ManagePathWrongKind(Path.Combine(dir.Path, "sub"))),
            (Path.Combine(dir.Path, "missing"), FaultMessages.ManagePathMissing(Path.Combine(dir.Path, "missing"))),
            ("dev/loop3", FaultMessages.ManagePathNotAbsolute("dev/loop3")),
            (managed.Path, FaultMessages.ManagePathAlreadyManaged(managed.Path)),
            (alias, FaultMessages.ManagePathAlreadyManaged(alias)),
            (held.Path, FaultMessages.ManagePathInUse(held.Path, "it is mounted or held open exclusively")),
            (own, FaultMessages.ManagePathIsServiceData(own)),
        ];
        foreach (var (path, message) in cases)
        {
            await ApiAssert.FaultAsync(await server.Admin.PostRawAsync(server.HpManage, ManagedServer.HpBody(path)),
                HttpStatusCode.BadRequest, "badRequest", message);
            await ApiAssert.FaultAsync(await server.Admin.PostRawAsync(server.CinderManage, ManagedServer.CinderBody(path)),
                HttpStatusCode.BadRequest, "badRequest", message);
        }

        await ApiAssert.FaultAsync(
            await server.Admin.PostRawAsync(server.CinderManage, ManagedServer.CinderBody(held.Path, host: "other-node@lvm#pool")),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.ManageHostIsNotThisNode("other-node@lvm#pool", "test-node"));
        await ApiAssert.FaultAsync(
            await server.Admin.PostRawAsync(server.CinderManage, """{"volume": {"host": "test-node", "ref": {"source-id": "7"}}}"""),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.InvalidField("ref", "must name the device or file by its path in 'source-name'"));
        await ApiAssert.FaultAsync(
            await server.Admin.PostRawAsync(server.CinderManage, """{"volume": {"ref": {"source-name": "/dev/loop3"}}}"""),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.InvalidField("host", "is required: the node whose device or file is adopted"));

        Assert.Equal(rows, await server.VolumeRowsAsync());
        holder.Dispose();
        Assert.Equal(hashes, await HashesAsync(held, managed, outside));
    }

    [Fact]
    public async Task A_node_without_manageable_paths_refuses_and_members_are_forbidden()
    {
        using var device = await LoopDevice.LeaseAsync(Ct);
        await using (var disabled = await ManagedServer.StartAsync())
        {
            await ApiAssert.FaultAsync(await disabled.Admin.PostRawAsync(disabled.HpManage, ManagedServer.HpBody(device.Path)),
                HttpStatusCode.BadRequest, "badRequest", FaultMessages.ManagingDisabled);
            await ApiAssert.FaultAsync(await disabled.Admin.PostRawAsync(disabled.CinderManage, ManagedServer.CinderBody(device.Path)),
                HttpStatusCode.BadRequest, "badRequest", FaultMessages.ManagingDisabled);
            Assert.Equal(0, await disabled.VolumeRowsAsync());
        }

        await using var server = await ManagedServer.StartAsync(device.Path);
        using var member = server.Server.CreateClient(server.Server.Tokens.Demo);
        await ApiAssert.FaultAsync(await member.PostRawAsync("v1.1/demo/os-volumes/manage", ManagedServer.HpBody(device.Path)),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:volume_manage to be performed.");
        await ApiAssert.FaultAsync(await member.PostRawAsync("v3/demo/os-volume-manage", ManagedServer.CinderBody(device.Path)),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:volume_manage to be performed.");
        Assert.Equal(0, await server.VolumeRowsAsync());
    }

    [Fact]
    public async Task Unmanage_refuses_a_volume_the_service_made_and_one_that_is_not_available()
    {
        using var device = await LoopDevice.LeaseAsync(Ct);
        await using var server = await ManagedServer.StartAsync(device.Path);
        var made = await server.Hp.CreateVolumeAsync(1);
        var adopted = (await server.ManageCinderAsync(device.Path)).GetProperty("id").GetString()!;
        var cinder = new VolumeBackup.Testing.Cinder.CinderBackupsApi(server.Server, server.Admin, server.Tenant);
        await cinder.VolumeActionAsync(adopted, """{"os-reserve": null}""");
        var rows = await server.VolumeRowsAsync();

        await ApiAssert.FaultAsync(await server.Admin.PostRawAsync($"v1.1/{server.Tenant}/os-volumes/{made}/action", """{"os-unmanage": null}"""),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeNotManaged(made));
        await ApiAssert.FaultAsync(
            await cinder.PostAsync($"v3/{server.Tenant}/volumes/{adopted}/action", """{"os-unmanage": null}"""),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeToUnmanageMustBeAvailableOrError("attaching"));
        using var member = server.Server.CreateClient(server.Server.Tokens.Demo);
        await ApiAssert.FaultAsync(await member.PostRawAsync($"v1.1/demo/os-volumes/{made}/action", """{"os-unmanage": null}"""),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:volume_unmanage to be performed.");

        Assert.Equal(rows, await server.VolumeRowsAsync());
        Assert.True(File.Exists(await server.Hp.DevicePathAsync(made)));
    }

    private static async Task<string[]> HashesAsync(params LoopDevice[] devices) =>
        await Task.WhenAll(devices.Select(d => ManagedServer.HashAsync(d.Path, d.SizeBytes)));
}

using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.OpenStack;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>The stock <c>cinder</c> command adopts and releases a real loop device (manage, unmanage, delete).</summary>
public sealed class ManageOpenStackClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cinder_manage_adopts_a_device_and_unmanage_and_delete_release_it_untouched()
    {
        OpenStackCli.Require();
        using var device = await LoopDevice.LeaseAsync(Ct);
        device.FillRandom(6);
        var original = await ManagedServer.HashAsync(device.Path, device.SizeBytes);
        await using var server = await ManagedServer.StartAsync(device.Path);
        var cli = new OpenStackCli(server.Server.BaseUrl, server.Tenant, server.Server.Tokens.Admin);

        var managed = (await cli.CinderAsync("manage", "--name", "adopted", "test-node@file#default", device.Path)).Properties();
        Assert.Equal("available", managed["status"]);
        Assert.Equal("1", managed["size"]);
        Assert.Equal("adopted", managed["name"]);
        (await cli.CinderAsync("manage", "test-node", device.Path))
            .AssertServerFault(FaultMessages.ManagePathAlreadyManaged(device.Path), 400);
        (await cli.CinderAsync("unmanage", managed["id"])).AssertSucceeded();
        Assert.Equal(0, await server.VolumeRowsAsync());

        // Released: it may be adopted again, and a delete releases it as unmanage does (openstack 6.0 has no --remote-source).
        var again = (await cli.CinderAsync("manage", "test-node", device.Path)).Properties();
        (await cli.CinderAsync("delete", again["id"])).AssertSucceeded();
        Assert.Equal(0, await server.VolumeRowsAsync());
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, device.SizeBytes));
    }
}

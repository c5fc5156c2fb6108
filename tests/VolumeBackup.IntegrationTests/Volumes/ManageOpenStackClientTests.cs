using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.OpenStack;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>The stock <c>cinder</c> and <c>openstack</c> commands adopt and release a real loop device.</summary>
public sealed class ManageOpenStackClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cinder_manage_and_openstack_remote_source_adopt_a_device_and_both_release_it_untouched()
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

        var created = await cli.OpenStackJsonAsync(
            "volume", "create", "--remote-source", $"source-name={device.Path}", "--host", "test-node", "adopted2");
        Assert.Equal("available", created.GetProperty("status").GetString());
        (await cli.OpenStackAsync("volume", "delete", "--remote", created.GetProperty("id").GetString()!)).AssertSucceeded();

        Assert.Equal(0, await server.VolumeRowsAsync());
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, device.SizeBytes));
    }
}

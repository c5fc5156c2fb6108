using System.Net;
using VolumeBackup.Client;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>The SDK's <see cref="VolumeBackupClient.Policies"/> against the same real server as the CLI tests.</summary>
[Collection(CliServerGroup.Name)]
public sealed class PolicySdkTests(CliServerFixture fixture)
{
    [Fact]
    public async Task Policies_create_list_get_update_and_delete_through_the_sdk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new VolumeBackupClient(new VolumeBackupClientOptions
        {
            Endpoint = new Uri(fixture.Server.BaseUrl), TenantId = "demo", AuthToken = fixture.Tokens.Demo,
        });
        var volume = await fixture.CreateVolumeAsync("sdk-policy-vol");

        var created = await client.Policies.CreateAsync(
            new PolicyRequest
            {
                VolumeId = volume.Id,
                Name = "sdk",
                Schedule = new PolicyScheduleView { IntervalSeconds = 7200 },
                Retention = new PolicyRetentionView { KeepLast = 3 },
            },
            ct);
        Assert.Equal((volume.Id, "sdk", 7200L, 3), (created.VolumeId, created.Name, created.Schedule.IntervalSeconds, created.Retention.KeepLast));
        Assert.True(created.Enabled);
        Assert.NotNull(created.NextRunAt);

        Assert.Equal(created.Id, Assert.Single(await client.Policies.ListAsync(volume.Id, ct)).Id);
        Assert.Contains(await client.Policies.ListAsync(ct: ct), p => p.Id == created.Id);

        var updated = await client.Policies.UpdateAsync(created.Id, new PolicyRequest { Enabled = false, Name = "sdk-off" }, ct);
        Assert.Equal(("sdk-off", false, 7200L), (updated.Name, updated.Enabled, updated.Schedule.IntervalSeconds));
        Assert.Null(updated.NextRunAt);
        Assert.Equal("sdk-off", (await client.Policies.GetAsync(created.Id, ct)).Name);

        await client.Policies.DeleteAsync(created.Id, ct);

        var missing = await Assert.ThrowsAsync<VolumeBackupApiException>(() => client.Policies.GetAsync(created.Id, ct));
        Assert.Equal(("itemNotFound", HttpStatusCode.NotFound), (missing.FaultName, missing.StatusCode));
        Assert.Empty(await client.Policies.ListAsync(volume.Id, ct));

        var bad = await Assert.ThrowsAsync<VolumeBackupApiException>(
            () => client.Policies.CreateAsync(new PolicyRequest { VolumeId = volume.Id }, ct));
        Assert.Equal(("badRequest", "Incorrect request body format. 'schedule' is required."), (bad.FaultName, bad.Message));
    }
}

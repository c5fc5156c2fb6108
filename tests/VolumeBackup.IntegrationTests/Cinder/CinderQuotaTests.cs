using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Limits and quota sets report the quotas the server enforces and the usage it counts: the numbers move with a
/// create, a backup and a delete, and the limit is the one a create runs into.
/// </summary>
public sealed class CinderQuotaTests : IAsyncLifetime
{
    private TestServer? _server;

    private TestServer Server => _server!;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(new ServerSettings
    {
        Settings = new Dictionary<string, string>
        {
            ["VolumeBackup:Quotas:Volumes"] = "3",
            ["VolumeBackup:Quotas:Gigabytes"] = "10",
            ["VolumeBackup:MaxVolumeSizeGb"] = "8",
        },
    });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task Limits_show_the_configured_quota_and_usage_that_changes_after_a_create_a_backup_and_a_delete()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");

        var before = await AbsoluteAsync(api);
        var id = await api.CreateVolumeAsync(4);
        await api.CreateVolumeAsync(2);
        var afterCreates = await AbsoluteAsync(api);
        await BackupArrange.AddBackupAsync(Server, "demo", await CinderVolumesApi.HpIdAsync(Server, id), BackupStatus.Available, sizeGb: 4);
        var afterBackup = await AbsoluteAsync(api);
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(HttpMethod.Delete, $"{api.Volumes}/{id}")).StatusCode);
        var afterDelete = await AbsoluteAsync(api);

        Assert.Equal("""{"maxTotalVolumes":3,"maxTotalSnapshots":0,"maxTotalVolumeGigabytes":10,"maxTotalBackups":-1,"maxTotalBackupGigabytes":-1,"totalVolumesUsed":0,"totalGigabytesUsed":0,"totalSnapshotsUsed":0,"totalBackupsUsed":0,"totalBackupGigabytesUsed":0}""",
            before);
        Assert.Contains("\"totalVolumesUsed\":2,\"totalGigabytesUsed\":6,", afterCreates, StringComparison.Ordinal);
        Assert.Contains("\"totalBackupsUsed\":1,\"totalBackupGigabytesUsed\":4}", afterBackup, StringComparison.Ordinal);
        Assert.Contains("\"totalVolumesUsed\":1,\"totalGigabytesUsed\":2,", afterDelete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quota_set_is_the_limit_a_create_runs_into_and_usage_counts_what_is_held()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        await api.CreateVolumeAsync(5);

        var quota = await ApiAssert.OkJsonAsync(await api.GetAsync("v3/demo/os-quota-sets/demo"));
        var usage = await ApiAssert.OkJsonAsync(await api.GetAsync("v3/demo/os-quota-sets/demo?usage=True"));
        var defaults = await ApiAssert.OkJsonAsync(await api.GetAsync("v3/demo/os-quota-sets/demo/defaults"));
        using var overQuota = await api.PostCreateAsync("""{"volume": {"size": 6}}""");

        Assert.Equal("""{"quota_set":{"id":"demo","volumes":3,"gigabytes":10,"snapshots":0,"backups":-1,"backup_gigabytes":-1,"per_volume_gigabytes":8,"groups":0,"volumes___DEFAULT__":-1,"gigabytes___DEFAULT__":-1,"snapshots___DEFAULT__":-1}}""",
            quota.GetRawText());
        Assert.Equal(quota.GetRawText(), defaults.GetRawText());
        var set = usage.GetProperty("quota_set");
        Assert.Equal("""{"limit":3,"in_use":1,"reserved":0}""", set.GetProperty("volumes").GetRawText());
        Assert.Equal("""{"limit":10,"in_use":5,"reserved":0}""", set.GetProperty("gigabytes").GetRawText());
        // Cinder's status for a quota (413 overLimit); the HP surface answers the same failure with its spec's 400.
        await ApiAssert.FaultAsync(overQuota, HttpStatusCode.RequestEntityTooLarge, "overLimit", FaultMessages.VolumeQuotaExceeded(6));
    }

    [Fact]
    public async Task A_project_reads_only_its_own_quota_and_a_bad_usage_flag_is_400()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        var admin = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Admin), "admin");

        await ApiAssert.FaultAsync(await api.GetAsync("v3/demo/os-quota-sets/admin"), HttpStatusCode.Forbidden, "forbidden",
            FaultMessages.TenantMismatch("admin"));
        await ApiAssert.FaultAsync(await api.GetAsync("v3/demo/os-quota-sets/demo?usage=maybe"), HttpStatusCode.BadRequest, "badRequest",
            "Invalid value 'maybe' for usage: it must be a boolean (true or false)");
        Assert.Equal("demo", (await ApiAssert.OkJsonAsync(await admin.GetAsync("v3/admin/os-quota-sets/demo"))).GetProperty("quota_set").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_admin_reads_another_projects_limits_from_3_39()
    {
        var demo = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        await demo.CreateVolumeAsync(1);
        var admin = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Admin), "admin", "3.39");

        var theirs = await ApiAssert.OkJsonAsync(await admin.GetAsync("v3/admin/limits?project_id=demo"));
        var before339 = await ApiAssert.OkJsonAsync(await admin.At("3.38").GetAsync("v3/admin/limits?project_id=demo"));

        Assert.Equal(1, theirs.GetProperty("limits").GetProperty("absolute").GetProperty("totalVolumesUsed").GetInt32());
        Assert.Equal(0, before339.GetProperty("limits").GetProperty("absolute").GetProperty("totalVolumesUsed").GetInt32());
    }

    private static async Task<string> AbsoluteAsync(CinderVolumesApi api)
    {
        var body = await ApiAssert.OkJsonAsync(await api.GetAsync("v3/demo/limits"));
        Assert.Equal("[]", body.GetProperty("limits").GetProperty("rate").GetRawText());
        return body.GetProperty("limits").GetProperty("absolute").GetRawText();
    }
}

using System.Net;
using System.Text.Json;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>
/// The admins' view of the nodes: HP-style <c>os-hosts</c> and Cinder's <c>os-services</c> (shape, filters, admin
/// only), and disable/enable retiring a node: no new volumes there, its own volumes still served.
/// </summary>
public sealed class AdminViewTests
{
    private const string NoWorker = "No worker node is up to keep a new volume (every worker node is down or retired).";

    [Fact]
    public async Task Os_hosts_lists_every_node_with_its_state_and_shows_one_to_admins_only()
    {
        await using var server = await TestServer.StartAsync(NodeServers.Node("node-a"));
        await NodeServers.SetNodeAsync(server, "node-b", DateTimeOffset.UtcNow.AddHours(-1));
        await NodeServers.SetNodeAsync(server, "node-api", DateTimeOffset.UtcNow.AddDays(1), roles: "api");
        var hp = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        await hp.CreateVolumeAsync(1);
        await NodeServers.EventuallyAsync(async () => await NodeServers.NodeAsync(server, "node-a") is not null, "node-a's row");

        var hosts = (await ApiAssert.OkJsonAsync(await hp.Client.GetPathAsync($"v1.1/{hp.Tenant}/os-hosts"))).GetProperty("hosts");
        Assert.Equal(["node-a", "node-api", "node-b"], hosts.EnumerateArray().Select(h => h.GetProperty("host").GetString()));
        var a = hosts[0];
        Assert.Equal(
            ["host", "roles", "state", "status", "updated_at", "heartbeat_age", "started_at", "retired_at", "running_jobs", "max_jobs", "volumes", "zone", "endpoint", "version"],
            a.EnumerateObject().Select(p => p.Name));
        Assert.Equal("up", a.GetProperty("state").GetString());
        Assert.Equal("enabled", a.GetProperty("status").GetString());
        Assert.Equal(["api", "worker"], a.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, a.GetProperty("max_jobs").GetInt32());
        Assert.Equal(1, a.GetProperty("volumes").GetInt32());
        Assert.Equal("az-1", a.GetProperty("zone").GetString());
        Assert.Equal(server.BaseUrl, a.GetProperty("endpoint").GetString());
        Assert.EndsWith("Z", a.GetProperty("updated_at").GetString(), StringComparison.Ordinal);
        Assert.Equal("down", hosts[2].GetProperty("state").GetString());
        Assert.InRange(hosts[2].GetProperty("heartbeat_age").GetInt64(), 3590, 3700);
        Assert.Equal(0, hosts[1].GetProperty("max_jobs").GetInt32());

        var b = (await ApiAssert.OkJsonAsync(await hp.Client.GetPathAsync($"v1.1/{hp.Tenant}/os-hosts/node-b"))).GetProperty("host");
        Assert.Equal("node-b", b.GetProperty("host").GetString());
        Assert.Equal("down", b.GetProperty("state").GetString());
        await ApiAssert.FaultAsync(await hp.Client.GetPathAsync($"v1.1/{hp.Tenant}/os-hosts/nowhere"),
            HttpStatusCode.NotFound, "itemNotFound", "Host nowhere could not be found.");

        using var member = server.CreateClient(server.Tokens.Demo);
        await ApiAssert.FaultAsync(await member.GetPathAsync("v1.1/demo/os-hosts"),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:hosts to be performed.");
        await ApiAssert.FaultAsync(await member.GetPathAsync("v1.1/demo/os-hosts/node-a"),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:hosts to be performed.");
    }

    [Fact]
    public async Task Os_services_shows_two_services_per_worker_in_cinders_shape_with_filters()
    {
        await using var server = await TestServer.StartAsync(NodeServers.Node("node-a"));
        await NodeServers.SetNodeAsync(server, "node-b", DateTimeOffset.UtcNow.AddHours(-1));
        await NodeServers.SetNodeAsync(server, "node-api", DateTimeOffset.UtcNow, roles: "api");
        await NodeServers.EventuallyAsync(async () => await NodeServers.NodeAsync(server, "node-a") is not null, "node-a's row");
        var cinder = CinderBackupsApi.Admin(server, BackupApi.NewTenant());
        var path = $"v3/{cinder.Project}/os-services";

        var services = await ListAsync(cinder, path);
        Assert.Equal(
            ["node-a cinder-volume", "node-a cinder-backup", "node-b cinder-volume", "node-b cinder-backup"],
            services.Select(s => $"{s.GetProperty("host").GetString()} {s.GetProperty("binary").GetString()}"));
        Assert.Equal(
            ["binary", "host", "zone", "status", "state", "updated_at", "disabled_reason", "replication_status", "active_backend_id", "frozen"],
            services[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["binary", "host", "zone", "status", "state", "updated_at", "disabled_reason"], services[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["up", "up", "down", "down"], services.Select(s => s.GetProperty("state").GetString()));
        Assert.All(services, s => Assert.Equal("enabled", s.GetProperty("status").GetString()));
        Assert.All(services, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("disabled_reason").ValueKind));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", services[0].GetProperty("updated_at").GetString());

        var latest = await ListAsync(cinder, path, "3.49");
        Assert.Equal("up", latest[0].GetProperty("backend_state").GetString());
        Assert.Equal(JsonValueKind.Null, latest[0].GetProperty("cluster").ValueKind);
        Assert.False(latest[1].TryGetProperty("backend_state", out _));

        Assert.Equal(["cinder-volume", "cinder-backup"], (await ListAsync(cinder, path + "?host=node-b")).Select(s => s.GetProperty("binary").GetString()));
        Assert.Equal(["node-a", "node-b"], (await ListAsync(cinder, path + "?binary=cinder-backup")).Select(s => s.GetProperty("host").GetString()));
        Assert.Single(await ListAsync(cinder, path + "?host=node-a&binary=cinder-volume"));
        Assert.Empty(await ListAsync(cinder, path + "?host=node-api"));

        var member = CinderBackupsApi.Member(server);
        await ApiAssert.FaultAsync(await member.GetAsync("v3/demo/os-services"),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:services:index to be performed.");
    }

    [Fact]
    public async Task Disabling_a_node_retires_it_from_new_volumes_while_its_volumes_are_still_served_and_enable_brings_it_back()
    {
        await using var server = await TestServer.StartAsync(NodeServers.Node("node-a"));
        await NodeServers.EventuallyAsync(async () => await NodeServers.NodeAsync(server, "node-a") is not null, "node-a's row");
        var cinder = CinderBackupsApi.Admin(server, BackupApi.NewTenant());
        var hp = new BackupApi(server.CreateClient(server.Tokens.Admin), cinder.Project);
        var kept = await hp.CreateVolumeAsync(1);

        var disabled = await CinderBackupsApi.JsonAsync(
            await cinder.SendAsync(HttpMethod.Put, $"v3/{cinder.Project}/os-services/disable", """{"host": "node-a", "binary": "cinder-volume"}"""),
            HttpStatusCode.OK);
        Assert.Equal("""{"disabled":true,"status":"disabled","host":"node-a","service":"","binary":"cinder-volume"}""", disabled.GetRawText());
        Assert.All(await ListAsync(cinder, $"v3/{cinder.Project}/os-services"), s => Assert.Equal("disabled", s.GetProperty("status").GetString()));
        Assert.NotNull((await NodeServers.NodeAsync(server, "node-a"))!.RetiredAt);

        await ApiAssert.FaultAsync(await hp.Client.PostRawAsync($"v1.1/{hp.Tenant}/os-volumes", """{"volume": {"size": 1}}"""),
            HttpStatusCode.BadRequest, "badRequest", NoWorker);
        await ApiAssert.FaultAsync(await cinder.PostAsync($"v3/{cinder.Project}/volumes", """{"volume": {"size": 1}}"""),
            HttpStatusCode.BadRequest, "badRequest", NoWorker);
        var backup = await hp.CreateBackupAsync(kept); // its own volumes are still served
        await hp.WaitForBackupStatusAsync(backup, "available");

        // A heartbeat rewrites the row but never the admin's retirement.
        var retiredAt = (await NodeServers.NodeAsync(server, "node-a"))!.RetiredAt;
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(retiredAt, (await NodeServers.NodeAsync(server, "node-a"))!.RetiredAt);

        var enabled = await CinderBackupsApi.JsonAsync(
            await cinder.SendAsync(HttpMethod.Put, $"v3/{cinder.Project}/os-services/enable", """{"host": "node-a", "binary": "cinder-backup"}"""),
            HttpStatusCode.OK);
        Assert.Equal("enabled", enabled.GetProperty("status").GetString());
        Assert.False(enabled.GetProperty("disabled").GetBoolean());
        Assert.Null((await NodeServers.NodeAsync(server, "node-a"))!.RetiredAt);
        await hp.CreateVolumeAsync(1);

        await ApiAssert.FaultAsync(
            await cinder.SendAsync(HttpMethod.Put, $"v3/{cinder.Project}/os-services/disable", """{"host": "nowhere", "binary": "cinder-volume"}"""),
            HttpStatusCode.NotFound, "itemNotFound", "Host nowhere could not be found.");
        await ApiAssert.FaultAsync(
            await cinder.SendAsync(HttpMethod.Put, $"v3/{cinder.Project}/os-services/disable", """{"host": "node-a"}"""),
            HttpStatusCode.BadRequest, "badRequest", "Missing required element 'binary' in request body.");
        var member = CinderBackupsApi.Member(server);
        await ApiAssert.FaultAsync(
            await member.SendAsync(HttpMethod.Put, "v3/demo/os-services/disable", """{"host": "node-a", "binary": "cinder-volume"}"""),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume_extension:services:update to be performed.");
        Assert.Null((await NodeServers.NodeAsync(server, "node-a"))!.RetiredAt);
    }

    private static async Task<List<JsonElement>> ListAsync(CinderBackupsApi cinder, string path, string? version = null) =>
        [.. (await CinderBackupsApi.JsonAsync(await cinder.GetAsync(path, version), HttpStatusCode.OK)).GetProperty("services").EnumerateArray()];
}

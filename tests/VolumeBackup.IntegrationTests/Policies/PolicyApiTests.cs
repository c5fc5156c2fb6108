using System.Net;
using System.Text.Json;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Policies;

/// <summary>Backup policies through the real HTTP API of a server with real workers and its scheduler.</summary>
public sealed class PolicyApiTests(FastScheduleServerFixture fixture) : IClassFixture<FastScheduleServerFixture>
{
    private static string Policies(BackupApi api) => $"v1.1/{api.Tenant}/hp-volume-backup-policies";

    private static async Task<JsonElement> CreateAsync(BackupApi api, string body) =>
        (await ApiAssert.OkJsonAsync(await api.Client.PostRawAsync(Policies(api), body))).GetProperty("policy");

    [Fact]
    public async Task A_policy_backs_up_every_interval_and_prunes_to_keep_last_two()
    {
        var api = fixture.NewTenant();
        var volume = await api.CreateVolumeAsync(1);
        var policy = await CreateAsync(api, $$$"""
            {"policy": {"volume_id": "{{{volume}}}", "name": "often", "schedule": {"interval_seconds": 2},
                        "retention": {"keep_last": 2} } }
            """);
        var id = policy.GetProperty("id").GetString()!;
        Assert.True(policy.GetProperty("next_run_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-1));

        // Watch every backup the schedule makes until it made six; deleted ones leave the list.
        var seen = new SortedSet<long>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (seen.Count < 6)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"only {seen.Count} backups made: {await ShowTextAsync(api, id)}");
            seen.UnionWith((await api.ListIdsAsync()).Select(long.Parse));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        // Stop the schedule, let its last jobs end, then only the newest ones are left.
        var disabled = await ApiAssert.OkJsonAsync(await api.Client.PutRawAsync($"{Policies(api)}/{id}", """{"policy": {"enabled": false}}"""));
        Assert.False(disabled.GetProperty("policy").GetProperty("enabled").GetBoolean());
        var shown = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync($"{Policies(api)}/{id}"))).GetProperty("policy");
        Assert.StartsWith("started backup ", shown.GetProperty("last_result").GetString(), StringComparison.Ordinal);
        Assert.NotNull(shown.GetProperty("last_run_at").GetString());
        await api.WaitForVolumeStatusAsync(volume, "available");
        seen.UnionWith((await api.ListIdsAsync()).Select(long.Parse));
        var left = await WaitForSettledAsync(api);

        // The last run pruned to the two newest available, then started one more: at most three, all among the newest.
        var newest = seen.Reverse().Take(3).ToHashSet();
        Assert.InRange(left.Count, 2, 3);
        Assert.All(left, b => Assert.Contains(b, newest));
        Assert.Contains(seen.Max, left);
        foreach (var old in seen.Except(newest))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetPathAsync($"{api.Backups}/{old}")).StatusCode);
        }
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        var api = fixture.NewTenant();
        var volume = await api.CreateVolumeAsync(1);
        (string Body, string Message)[] cases =
        [
            ($$$"""{"policy": {"volume_id": "{{{volume}}}"}}""", "Incorrect request body format. 'schedule' is required."),
            ($$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"interval_seconds": 3600, "cron": "0 2 * * *"} } }""",
                "Incorrect request body format. 'schedule' must have exactly one of interval_seconds or cron."),
            ($$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"cron": "0 2 * *"} } }""",
                "Incorrect request body format. 'schedule.cron' must be a five-field cron expression."),
            ($$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"cron": "0 2 * * *", "time_zone": "Nowhere/Land"} } }""",
                "Incorrect request body format. 'schedule.time_zone' must be a known time zone (such as UTC or Europe/Paris)."),
            ($$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"interval_seconds": 3600}, "retention": {"keep_daily": -1} } }""",
                "Incorrect request body format. 'retention.keep_daily' must be a whole number, 0 or more."),
            ($$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"interval_seconds": 3600}, "enabled": "yes"}}""",
                "Incorrect request body format. 'enabled' must be true or false."),
            ("""{"policy": {"schedule": {"interval_seconds": 3600} } }""", "Incorrect request body format. 'volume_id' is required."),
        ];
        foreach (var (body, message) in cases)
        {
            await ApiAssert.FaultAsync(await api.Client.PostRawAsync(Policies(api), body), HttpStatusCode.BadRequest, "badRequest", message);
        }

        var list = await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync(Policies(api)));
        Assert.Empty(list.GetProperty("policies").EnumerateArray());

        // An update with a bad field leaves the policy as it was.
        var policy = await CreateAsync(api, $$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"interval_seconds": 3600} } }""");
        var id = policy.GetProperty("id").GetString()!;
        await ApiAssert.FaultAsync(
            await api.Client.PutRawAsync($"{Policies(api)}/{id}", """{"policy": {"name": "x", "schedule": {"interval_seconds": 0} } }"""),
            HttpStatusCode.BadRequest, "badRequest", "Incorrect request body format. 'schedule.interval_seconds' must be at least 1.");
        var after = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync($"{Policies(api)}/{id}"))).GetProperty("policy");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("name").ValueKind);
        Assert.Equal(3600, after.GetProperty("schedule").GetProperty("interval_seconds").GetInt64());

        // A volume with a policy is not deleted.
        await ApiAssert.FaultAsync(await api.Client.DeletePathAsync($"v1.1/{api.Tenant}/os-volumes/{volume}"),
            HttpStatusCode.BadRequest, "badRequest", "Invalid volume: Volume has backup policies; delete them first.");
    }

    [Fact]
    public async Task Another_tenants_policy_is_not_found_on_either_surface()
    {
        var owner = fixture.NewTenant();
        var other = fixture.NewTenant();
        var volume = await owner.CreateVolumeAsync(1);
        var policy = await CreateAsync(owner, $$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"cron": "0 2 * * *"} } }""");
        var id = policy.GetProperty("id").GetString()!;
        var uuid = Assert.Single((await ApiAssert.OkJsonAsync(await owner.Client.GetPathAsync($"v3/{owner.Tenant}/os-backup-policies")))
            .GetProperty("policies").EnumerateArray()).GetProperty("id").GetString()!;

        foreach (var response in new[]
        {
            await other.Client.GetPathAsync($"{Policies(other)}/{id}"),
            await other.Client.PutRawAsync($"{Policies(other)}/{id}", """{"policy": {"enabled": false}}"""),
            await other.Client.DeletePathAsync($"{Policies(other)}/{id}"),
            await other.Client.GetPathAsync($"v3/{other.Tenant}/os-backup-policies/{uuid}"),
            await other.Client.DeletePathAsync($"v3/{other.Tenant}/os-backup-policies/{uuid}"),
        })
        {
            await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", $"Backup policy {(response.RequestMessage!.RequestUri!.ToString().Contains("/v3/", StringComparison.Ordinal) ? uuid : id)} could not be found.");
        }

        // Another tenant's volume cannot be given a policy either.
        await ApiAssert.FaultAsync(
            await other.Client.PostRawAsync(Policies(other), $$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"interval_seconds": 3600} } }"""),
            HttpStatusCode.NotFound, "itemNotFound", $"Volume {volume} could not be found.");
        Assert.Empty((await ApiAssert.OkJsonAsync(await other.Client.GetPathAsync(Policies(other)))).GetProperty("policies").EnumerateArray());

        // The owner still has it, enabled, on both surfaces; the HP filter by volume finds it.
        var mine = (await ApiAssert.OkJsonAsync(await owner.Client.GetPathAsync($"{Policies(owner)}?volume_id={volume}"))).GetProperty("policies");
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await owner.Client.DeletePathAsync($"v3/{owner.Tenant}/os-backup-policies/{uuid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetPathAsync($"{Policies(owner)}/{id}")).StatusCode);
    }

    private static async Task<string> ShowTextAsync(BackupApi api, string id) =>
        await (await api.Client.GetPathAsync($"{Policies(api)}/{id}")).Content.ReadAsStringAsync();

    // Waits until no backup of the tenant is being made or deleted; returns the ids left.
    private static async Task<List<long>> WaitForSettledAsync(BackupApi api)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var body = await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync($"{api.Backups}/detail"));
            var backups = body.GetProperty("backups").EnumerateArray().ToList();
            if (backups.All(b => b.GetProperty("status").GetString() is "available" or "error"))
            {
                return [.. backups.Select(b => long.Parse(b.GetProperty("id").GetString()!))];
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"backups still busy: {body}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Identity;

/// <summary>
/// Every route of both surfaces, sent over HTTP with a reader's, a member's and an admin's token. A refused request is
/// sent against real resources and must answer 403 with Cinder's message and leave the project exactly as it was; an
/// allowed one never meets the policy's 403 (allowed writes use ids that name nothing, so they change nothing either).
/// </summary>
public sealed class RoleEnforcementTests(PolicyServerFixture fixture) : IClassFixture<PolicyServerFixture>
{
    [Theory]
    [InlineData(Role.Reader)]
    [InlineData(Role.Member)]
    [InlineData(Role.Admin)]
    public async Task Every_route_answers_each_role_as_the_policies_say(Role role)
    {
        var cases = PolicyCase.All(fixture.Server.Services);
        var refusedToken = role switch
        {
            Role.Reader => fixture.Reader,
            Role.Member => fixture.Member,
            _ => fixture.Admin,
        };
        var allowedToken = role == Role.Member ? fixture.ScratchMember : refusedToken;
        var failures = new List<string>();
        var before = await SnapshotAsync();

        foreach (var route in cases.Where(c => role < c.Needed))
        {
            var (status, body) = await SendAsync(refusedToken, route, PolicyServerFixture.Project, fixture.Resources);
            if (status != 403 || (route.Method != "HEAD" && !IsPolicyFault(body, route.Policy)))
            {
                failures.Add($"{route}: expected the policy's 403, got {status} {body}");
            }
        }

        if (await SnapshotAsync() is var after && after != before)
        {
            failures.Add($"refused requests changed the project:{Environment.NewLine}{before}{Environment.NewLine}->{Environment.NewLine}{after}");
        }

        foreach (var route in cases.Where(c => role >= c.Needed))
        {
            // A reader only reads: the real resources, which it must see. Members and admins write to ids naming nothing.
            var (status, body) = role == Role.Reader
                ? await SendAsync(allowedToken, route, PolicyServerFixture.Project, fixture.Resources)
                : await SendAsync(allowedToken, route, PolicyServerFixture.Scratch, ResourceIds.Dummy);
            var expected = role == Role.Reader ? status is >= 200 and < 300 : status is not 403 and < 500;
            if (!expected)
            {
                failures.Add($"{route}: allowed to {role} but got {status} {body}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} routes:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_readers_create_is_refused_on_both_surfaces_in_the_fault_format_and_creates_nothing()
    {
        var before = await SnapshotAsync();
        using var reader = fixture.Server.CreateClient(fixture.Reader);

        await ApiAssert.FaultAsync(
            await reader.PostRawAsync($"v1.1/{PolicyServerFixture.Project}/hp-volume-backups", $"{{\"backup\": {{\"volume_id\": \"{fixture.Resources.HpVolume}\"}}}}"),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow backup:create to be performed.");
        await ApiAssert.FaultAsync(
            await reader.PostRawAsync($"v3/{PolicyServerFixture.Project}/backups", $"{{\"backup\": {{\"volume_id\": \"{fixture.Resources.CinderVolume}\"}}}}"),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow backup:create to be performed.");
        await ApiAssert.FaultAsync(
            await reader.PostRawAsync($"v1.1/{PolicyServerFixture.Project}/os-volumes", """{"volume": {"size": 1}}"""),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow volume:create to be performed.");

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_token_file_entry_without_roles_is_still_a_member()
    {
        using var legacy = fixture.Server.CreateClient(fixture.Legacy);

        var created = await ApiAssert.OkJsonAsync(
            await legacy.PostRawAsync($"v1.1/{PolicyServerFixture.Project}/os-volumes", """{"volume": {"size": 1}}"""));
        var id = created.GetProperty("volume").GetProperty("id").GetString();
        var deleted = await legacy.DeletePathAsync($"v1.1/{PolicyServerFixture.Project}/os-volumes/{id}");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
    }

    [Fact]
    public async Task The_first_start_writes_an_admin_and_a_member_token_with_their_roles_spelt_out()
    {
        await using var server = await TestServer.StartAsync();

        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(server.DataDirectory, "tokens.json"), TestContext.Current.CancellationToken));
        var roles = file.RootElement.EnumerateObject().ToDictionary(
            e => e.Value.GetProperty("tenant_id").GetString()!,
            e => string.Join(",", e.Value.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal("admin", roles["admin"]);
        Assert.Equal("member", roles["demo"]);
        using var demo = server.CreateClient(server.Tokens.Demo);
        Assert.Equal(HttpStatusCode.OK, (await demo.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}""")).StatusCode);
    }

    private static bool IsPolicyFault(string body, string policy)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var fault = Assert.Single(document.RootElement.EnumerateObject());
            return fault.Name == "forbidden"
                && fault.Value.GetProperty("code").GetInt32() == 403
                && fault.Value.GetProperty("message").GetString() == AccessPolicies.DeniedMessage(policy);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<(int Status, string Body)> SendAsync(string token, PolicyCase route, string project, ResourceIds ids)
    {
        using var client = fixture.Server.CreateClient(token);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Path(project, ids), UriKind.Relative));
        if (route.Body(ids) is { } json)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (route.Cinder)
        {
            request.Headers.Add("OpenStack-API-Version", "volume 3.67");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The project's volumes and backups as both surfaces show them in detail, to a member.</summary>
    private async Task<string> SnapshotAsync()
    {
        using var member = fixture.Server.CreateClient(fixture.Member);
        var parts = new List<string>();
        foreach (var path in (string[])[
            $"v1.1/{PolicyServerFixture.Project}/os-volumes/detail",
            $"v1.1/{PolicyServerFixture.Project}/hp-volume-backups/detail",
            $"v3/{PolicyServerFixture.Project}/volumes/detail",
            $"v3/{PolicyServerFixture.Project}/backups/detail"])
        {
            parts.Add((await ApiAssert.OkJsonAsync(await member.GetPathAsync(path))).GetRawText());
        }

        return string.Join(Environment.NewLine, parts);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>A server in Keystone mode with the real Keystone: who may call what, on the HP and the Cinder surface.</summary>
public sealed class KeystoneAuthenticationTests(KeystoneServerFixture fixture) : IClassFixture<KeystoneServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestServer Server => fixture.Server;

    [Fact]
    public void In_keystone_mode_the_server_writes_no_token_file() =>
        Assert.False(File.Exists(Path.Combine(Server.DataDirectory, "tokens.json")));

    [Fact]
    public async Task A_member_token_lists_and_creates_volumes_on_both_surfaces_in_its_project()
    {
        KeystoneFixture.Require();
        using var demo = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Demo, Ct);
        var project = demo.Project;

        var hpVolume = await demo.CreateHpVolumeAsync();
        var cinderVolume = await demo.CreateCinderVolumeAsync();

        Assert.Contains(hpVolume, await demo.ListIdsAsync(KeystoneCaller.HpVolumes(project), "volumes"));
        Assert.Contains(cinderVolume, await demo.ListIdsAsync(KeystoneCaller.CinderVolumes(project) + "/detail", "volumes"));
        await KeystoneCaller.JsonAsync(await demo.GetAsync(KeystoneCaller.HpBackups(project)), HttpStatusCode.OK);
        await KeystoneCaller.JsonAsync(await demo.GetAsync(KeystoneCaller.CinderBackups(project)), HttpStatusCode.OK);
        var shown = await KeystoneCaller.JsonAsync(await demo.GetAsync($"{KeystoneCaller.CinderVolumes(project)}/{cinderVolume}"), HttpStatusCode.OK);
        Assert.Equal(demo.Token!.UserId, shown.GetProperty("volume").GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task Another_projects_token_is_forbidden_on_demos_urls_and_acts_on_its_own_project_on_project_less_paths()
    {
        KeystoneFixture.Require();
        using var demo = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Demo, Ct);
        using var demo2 = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Demo2, Ct);
        var demoProject = demo.Project;
        var mismatch = FaultMessages.TenantMismatch(demoProject);

        await ApiAssert.FaultAsync(await demo2.GetAsync(KeystoneCaller.HpVolumes(demoProject)), HttpStatusCode.Forbidden, "forbidden", mismatch);
        await ApiAssert.FaultAsync(await demo2.PostHpVolumeAsync(demoProject), HttpStatusCode.Forbidden, "forbidden", mismatch);
        await ApiAssert.FaultAsync(await demo2.GetAsync(KeystoneCaller.HpBackups(demoProject)), HttpStatusCode.Forbidden, "forbidden", mismatch);
        await ApiAssert.FaultAsync(await demo2.GetAsync(KeystoneCaller.CinderVolumes(demoProject)), HttpStatusCode.Forbidden, "forbidden", mismatch);
        await ApiAssert.FaultAsync(await demo2.PostCinderVolumeAsync(demoProject), HttpStatusCode.Forbidden, "forbidden", mismatch);
        await ApiAssert.FaultAsync(await demo2.GetAsync(KeystoneCaller.CinderBackups(demoProject)), HttpStatusCode.Forbidden, "forbidden", mismatch);

        // Cinder's project-less paths (3.67+) act on the token's own project.
        var created = await KeystoneCaller.JsonAsync(
            await demo2.PostAsync("v3/volumes", """{"volume": {"size": 1}}""", "3.67"), HttpStatusCode.Accepted);
        var id = created.GetProperty("volume").GetProperty("id").GetString()!;
        Assert.Contains(id, await demo2.ListIdsAsync(KeystoneCaller.CinderVolumes(demo2.Project), "volumes"));
        Assert.DoesNotContain(id, await demo.ListIdsAsync(KeystoneCaller.CinderVolumes(demoProject), "volumes"));
        var listed = await KeystoneCaller.JsonAsync(await demo2.GetAsync("v3/volumes", "3.67"), HttpStatusCode.OK);
        Assert.Contains(id, listed.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("gAAAAABmade-up-token-that-keystone-never-issued")]
    [InlineData(null)]
    public async Task A_made_up_token_or_none_is_unauthorized_on_both_surfaces(string? token)
    {
        KeystoneFixture.Require();
        using var caller = KeystoneCaller.WithRawToken(Server, token);
        const string project = "0123456789abcdef0123456789abcdef";

        foreach (var path in new[] { KeystoneCaller.HpVolumes(project), KeystoneCaller.HpBackups(project), KeystoneCaller.CinderVolumes(project), KeystoneCaller.CinderBackups(project) })
        {
            var response = await caller.GetAsync(path);
            await ApiAssert.FaultAsync(response, HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
            Assert.Equal("X-Auth-Token realm=\"volume-backup\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        }

        await ApiAssert.FaultAsync(await caller.PostHpVolumeAsync(project), HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
        await ApiAssert.FaultAsync(await caller.PostCinderVolumeAsync(project), HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
    }

    [Theory]
    [InlineData("")] // the admin user has no default project: an unscoped token
    [InlineData(",\"scope\": {\"system\": {\"all\": true}}")] // system-scoped, with role admin
    public async Task A_genuine_token_scoped_to_no_project_is_forbidden_on_both_surfaces(string scope)
    {
        KeystoneFixture.Require();
        var token = await AdminLoginWithoutProjectAsync(scope);
        using var caller = KeystoneCaller.WithRawToken(Server, token);
        using var demo = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Demo, Ct);

        foreach (var path in new[] { KeystoneCaller.HpVolumes(demo.Project), KeystoneCaller.CinderVolumes(demo.Project), KeystoneCaller.CinderBackups(demo.Project) })
        {
            await ApiAssert.FaultAsync(await caller.GetAsync(path), HttpStatusCode.Forbidden, "forbidden", FaultMessages.TokenNotProjectScoped);
        }

        await ApiAssert.FaultAsync(await caller.GetAsync("v3/volumes", "3.67"), HttpStatusCode.Forbidden, "forbidden", FaultMessages.TokenNotProjectScoped);
    }

    [Fact]
    public async Task An_admin_of_another_project_reads_demos_volumes_and_backups_through_demos_urls_and_all_tenants_lists()
    {
        KeystoneFixture.Require();
        using var demo = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Demo, Ct);
        using var admin = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Admin, Ct);
        var project = demo.Project;
        Assert.NotEqual(project, admin.Project);
        var hpVolume = await demo.CreateHpVolumeAsync();
        var cinderVolume = await demo.CreateCinderVolumeAsync();
        await demo.WaitForHpVolumeAsync(project, hpVolume, "available");
        await demo.WaitForCinderVolumeAsync(project, cinderVolume, "available");
        var hpBackup = (await KeystoneCaller.JsonAsync(
            await demo.PostAsync(KeystoneCaller.HpBackups(project), BackupBody(hpVolume)), HttpStatusCode.OK))
            .GetProperty("backup").GetProperty("id").GetString()!;
        var cinderBackup = (await KeystoneCaller.JsonAsync(
            await demo.PostAsync(KeystoneCaller.CinderBackups(project), BackupBody(cinderVolume)), HttpStatusCode.Accepted))
            .GetProperty("backup").GetProperty("id").GetString()!;

        Assert.Contains(hpVolume, await admin.ListIdsAsync(KeystoneCaller.HpVolumes(project), "volumes"));
        await KeystoneCaller.JsonAsync(await admin.GetAsync($"{KeystoneCaller.HpVolumes(project)}/{hpVolume}"), HttpStatusCode.OK);
        Assert.Contains(hpBackup, await admin.ListIdsAsync(KeystoneCaller.HpBackups(project), "backups"));
        await KeystoneCaller.JsonAsync(await admin.GetAsync($"{KeystoneCaller.HpBackups(project)}/{hpBackup}"), HttpStatusCode.OK);
        Assert.Contains(cinderVolume, await admin.ListIdsAsync(KeystoneCaller.CinderVolumes(project), "volumes"));
        await KeystoneCaller.JsonAsync(await admin.GetAsync($"{KeystoneCaller.CinderVolumes(project)}/{cinderVolume}"), HttpStatusCode.OK);
        Assert.Contains(cinderBackup, await admin.ListIdsAsync(KeystoneCaller.CinderBackups(project), "backups"));
        await KeystoneCaller.JsonAsync(await admin.GetAsync($"{KeystoneCaller.CinderBackups(project)}/{cinderBackup}"), HttpStatusCode.OK);

        // Through the admin's own project: only with all_tenants do other projects' resources show.
        Assert.DoesNotContain(cinderVolume, await admin.ListIdsAsync(KeystoneCaller.CinderVolumes(admin.Project) + "/detail", "volumes"));
        Assert.Contains(cinderVolume, await admin.ListIdsAsync(KeystoneCaller.CinderVolumes(admin.Project) + "/detail?all_tenants=1", "volumes"));
        Assert.DoesNotContain(cinderBackup, await admin.ListIdsAsync(KeystoneCaller.CinderBackups(admin.Project) + "/detail", "backups"));
        Assert.Contains(cinderBackup, await admin.ListIdsAsync(KeystoneCaller.CinderBackups(admin.Project) + "/detail?all_tenants=1", "backups"));
    }

    [Fact]
    public async Task A_reader_lists_but_may_not_create_or_delete_on_both_surfaces()
    {
        KeystoneFixture.Require();
        using var demo = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.Demo, Ct);
        using var reader = await KeystoneCaller.LoginAsync(Server, KeystoneFixture.DemoReader, Ct);
        var project = reader.Project;
        Assert.Equal(demo.Project, project);
        var hpVolume = await demo.CreateHpVolumeAsync();
        var cinderVolume = await demo.CreateCinderVolumeAsync();
        await demo.WaitForHpVolumeAsync(project, hpVolume, "available");
        await demo.WaitForCinderVolumeAsync(project, cinderVolume, "available");

        Assert.Contains(hpVolume, await reader.ListIdsAsync(KeystoneCaller.HpVolumes(project), "volumes"));
        Assert.Contains(cinderVolume, await reader.ListIdsAsync(KeystoneCaller.CinderVolumes(project), "volumes"));
        await KeystoneCaller.JsonAsync(await reader.GetAsync(KeystoneCaller.HpBackups(project)), HttpStatusCode.OK);
        await KeystoneCaller.JsonAsync(await reader.GetAsync(KeystoneCaller.CinderBackups(project)), HttpStatusCode.OK);

        await ApiAssert.FaultAsync(await reader.PostHpVolumeAsync(project), HttpStatusCode.Forbidden, "forbidden", Denied("volume:create"));
        await ApiAssert.FaultAsync(await reader.PostCinderVolumeAsync(project), HttpStatusCode.Forbidden, "forbidden", Denied("volume:create"));
        await ApiAssert.FaultAsync(await reader.DeleteAsync($"{KeystoneCaller.HpVolumes(project)}/{hpVolume}"), HttpStatusCode.Forbidden, "forbidden", Denied("volume:delete"));
        await ApiAssert.FaultAsync(await reader.DeleteAsync($"{KeystoneCaller.CinderVolumes(project)}/{cinderVolume}"), HttpStatusCode.Forbidden, "forbidden", Denied("volume:delete"));
        await ApiAssert.FaultAsync(await reader.PostAsync(KeystoneCaller.HpBackups(project), BackupBody(hpVolume)), HttpStatusCode.Forbidden, "forbidden", Denied("backup:create"));
        await ApiAssert.FaultAsync(await reader.PostAsync(KeystoneCaller.CinderBackups(project), BackupBody(cinderVolume)), HttpStatusCode.Forbidden, "forbidden", Denied("backup:create"));
        var hpBackup = (await KeystoneCaller.JsonAsync(await demo.PostAsync(KeystoneCaller.HpBackups(project), BackupBody(hpVolume)), HttpStatusCode.OK))
            .GetProperty("backup").GetProperty("id").GetString()!;
        var cinderBackup = (await KeystoneCaller.JsonAsync(await demo.PostAsync(KeystoneCaller.CinderBackups(project), BackupBody(cinderVolume)), HttpStatusCode.Accepted))
            .GetProperty("backup").GetProperty("id").GetString()!;
        await ApiAssert.FaultAsync(await reader.DeleteAsync($"{KeystoneCaller.HpBackups(project)}/{hpBackup}"), HttpStatusCode.Forbidden, "forbidden", Denied("backup:delete"));
        await ApiAssert.FaultAsync(await reader.DeleteAsync($"{KeystoneCaller.CinderBackups(project)}/{cinderBackup}"), HttpStatusCode.Forbidden, "forbidden", Denied("backup:delete"));
        Assert.Contains(hpVolume, await reader.ListIdsAsync(KeystoneCaller.HpVolumes(project), "volumes"));
        Assert.Contains(cinderVolume, await reader.ListIdsAsync(KeystoneCaller.CinderVolumes(project), "volumes"));
        Assert.Contains(hpBackup, await reader.ListIdsAsync(KeystoneCaller.HpBackups(project), "backups"));
        Assert.Contains(cinderBackup, await reader.ListIdsAsync(KeystoneCaller.CinderBackups(project), "backups"));
    }

    private static string BackupBody(string volumeId) => "{\"backup\": {\"volume_id\": \"" + volumeId + "\"}}";

    private static string Denied(string policy) => $"Policy doesn't allow {policy} to be performed.";

    // A genuine token of the admin user that names no project: Keystone's answer shows no project in it.
    private static async Task<string> AdminLoginWithoutProjectAsync(string scope)
    {
        using var http = new HttpClient();
        var body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\", " +
            "\"domain\": {\"id\": \"default\"}, \"password\": \"" + KeystoneFixture.Admin.Password + "\"}}}" + scope + "}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(KeystoneFixture.AuthUrl + "/auth/tokens"), content, Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
        using var document = JsonDocument.Parse(answer);
        Assert.False(document.RootElement.GetProperty("token").TryGetProperty("project", out _), answer);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }
}

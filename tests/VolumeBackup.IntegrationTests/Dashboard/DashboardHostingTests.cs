using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Dashboard;

/// <summary>
/// How the server hosts the dashboard: its files under <c>/dashboard/</c> with the security headers, the setting that
/// turns it off, and in Keystone mode the same-origin pass-through of Keystone's password sign-in (the real Keystone).
/// </summary>
public sealed class DashboardHostingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_is_served_under_its_prefix_with_its_headers_and_tells_the_page_to_ask_for_a_token()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };

        using var bare = await http.GetAsync("/dashboard", Ct);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/dashboard/", bare.Headers.Location?.OriginalString);

        using var page = await http.GetAsync("/dashboard/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"js/app.js\">", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var chart = await http.GetAsync("/dashboard/vendor/chartjs/chart.umd.min.js", Ct);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("nosniff", chart.Headers.GetValues("X-Content-Type-Options").Single());

        var config = await http.GetFromJsonAsync<JsonElement>("/dashboard/config", Ct);
        Assert.Equal("static", config.GetProperty("identity").GetString());

        // No Keystone, no pass-through.
        using var signIn = await http.PostAsync("/dashboard/auth/tokens", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
    }

    [Fact]
    public async Task Turned_off_the_dashboard_answers_404()
    {
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = new Dictionary<string, string> { ["VolumeBackup:Dashboard:Enabled"] = "false" },
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        foreach (var path in (string[])["/dashboard/", "/dashboard/index.html", "/dashboard/config"])
        {
            using var response = await http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task In_keystone_mode_the_page_signs_in_through_the_same_origin_pass_through_and_the_token_works()
    {
        KeystoneFixture.Require();
        await using var server = await TestServer.StartAsync(new ServerSettings().WithKeystone());
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var config = await http.GetFromJsonAsync<JsonElement>("/dashboard/config", Ct);
        Assert.Equal("keystone", config.GetProperty("identity").GetString());

        using var refused = await http.PostAsync("/dashboard/auth/tokens", PasswordBody("demo", "wrong"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("default-src 'none'", refused.Headers.GetValues("Content-Security-Policy").Single().Split(';')[0]);

        using var signedIn = await http.PostAsync("/dashboard/auth/tokens", PasswordBody("demo", KeystoneFixture.Password), Ct);
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        var token = signedIn.Headers.GetValues("X-Subject-Token").Single();
        var project = (await signedIn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetProperty("project").GetProperty("id").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1.1/{project}/os-volumes");
        request.Headers.Add("X-Auth-Token", token);
        using var volumes = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, volumes.StatusCode);
    }

    private static StringContent PasswordBody(string user, string password) => new(
        JsonSerializer.Serialize(new
        {
            auth = new
            {
                identity = new { methods = new[] { "password" }, password = new { user = new { name = user, domain = new { name = "Default" }, password } } },
                scope = new { project = new { name = user, domain = new { name = "Default" } } },
            },
        }),
        Encoding.UTF8,
        "application/json");
}

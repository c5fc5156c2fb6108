using System.Net.Http.Headers;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.DataPath;
using static VolumeBackup.EndToEndTests.Dashboard.DashboardUser;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against the real server binary: a user's whole walk (sign in, create a
/// volume, back it up watching the progress bar move, restore, see a failure's reason, sign out), tenant isolation,
/// the security headers, no request leaving the origin, keyboard use, and screenshots of every page.
/// </summary>
[Collection(DashboardTestGroup.Name)]
public sealed class DashboardTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private CdpPage Page => fixture.Page;

    [Fact]
    public async Task A_user_backs_up_watches_progress_restores_sees_a_failure_and_signs_out()
    {
        var admin = fixture.AdminApi("gamma");
        var seeded = await admin.CreateVolumeAsync(1); // lets the page find the tenant from the token alone
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.GammaToken);
        Assert.Equal("gamma", await Page.EvaluateAsync<string>("sessionStorage.getItem('volumebackup.tenant')"));

        // Create a volume through the page, then write 128 MiB spread over it: 8 s of upload at 16 MB/s, well past the
        // packs a backup keeps in flight (up to six of 8 MiB), so the bar moves while the upload runs.
        await Page.EvaluateAsync("document.getElementById('create-volume').click()");
        await SubmitDialogAsync(Page, new Dictionary<string, string> { ["size"] = "1", ["name"] = "from-dashboard" });
        var volumeId = (await admin.ListVolumeIdsAsync()).Single(id => id != seeded);
        await Page.WaitForAsync($"document.querySelector('tr[data-volume=\"{volumeId}\"]')", Wait, PageText);
        var volume = new VolumeFile(await admin.DevicePathAsync(volumeId));
        for (var chunk = 0; chunk < 128; chunk++)
        {
            volume.Write(chunk * (8L << 20), VolumeFile.RandomBytes(1 << 20, seed: 100 + chunk));
        }

        var expected = volume.Sha256();
        await Page.EvaluateAsync("window.__sameDocument = true");

        // Back up from the volume's row: the page moves to Jobs; its bar advances without a reload.
        await ClickInRowAsync(Page, $"tr[data-volume=\"{volumeId}\"]", "Back up");
        await SubmitDialogAsync(Page, new Dictionary<string, string> { ["name"] = "first", ["container"] = "dashboard" });
        var backupId = (await admin.ListIdsAsync()).Single();
        await Page.WaitForAsync($"document.getElementById('progress-{backupId}')", Wait, PageText);
        var seen = new List<double>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var value = await Page.EvaluateAsync($"document.getElementById('progress-{backupId}')?.value ?? null");
            if (value.ValueKind != JsonValueKind.Number)
            {
                break; // the job ended and its row left the table
            }

            seen.Add(value.GetDouble());
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        output.WriteLine("progress values seen: " + string.Join(", ", seen.Distinct()));
        Assert.True(seen.Distinct().Count() >= 3, "The progress bar did not move: " + string.Join(", ", seen));
        Assert.True(seen.SequenceEqual(seen.Order()), "The progress went backwards: " + string.Join(", ", seen));
        Assert.True(await Page.EvaluateAsync<bool>("window.__sameDocument === true"), "The page reloaded.");

        await admin.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await OpenAsync(Page, "backups", $"document.querySelector('tr[data-backup=\"{backupId}\"] .status-available')");

        // Restore into a new volume from the Backups page.
        await ClickInRowAsync(Page, $"tr[data-backup=\"{backupId}\"]", "Restore");
        await SubmitDialogAsync(Page, new Dictionary<string, string> { ["target"] = "new" });
        var restoredId = (await admin.ListVolumeIdsAsync()).Single(id => id != seeded && id != volumeId);
        await admin.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(expected, new VolumeFile(await admin.DevicePathAsync(restoredId)).Sha256());

        // A backup whose volume file is gone fails; the Jobs page shows the service's fail_reason as it is.
        File.Delete(await admin.DevicePathAsync(seeded));
        await OpenAsync(Page, "volumes", $"document.querySelector('tr[data-volume=\"{seeded}\"]')");
        await ClickInRowAsync(Page, $"tr[data-volume=\"{seeded}\"]", "Back up");
        await SubmitDialogAsync(Page, new Dictionary<string, string> { ["name"] = "doomed" });
        var failedId = (await admin.ListIdsAsync()).Single(id => id != backupId);
        var failed = await admin.WaitForBackupStatusAsync(failedId, BackupStatus.Error);
        var reason = failed.GetProperty("fail_reason").GetString()!;
        await OpenAsync(Page, "jobs", $"document.querySelector('tr[data-backup=\"{failedId}\"] .reason')");
        Assert.Equal(reason, await Page.EvaluateAsync<string>($"document.querySelector('tr[data-backup=\"{failedId}\"] .reason').textContent"));

        // Sign out: the token leaves sessionStorage and no API call follows (the Jobs page polled every second).
        await Page.EvaluateAsync("document.getElementById('sign-out').click()");
        var before = RequestedUrls(Page).Count;
        Assert.Equal(JsonValueKind.Null, (await Page.EvaluateAsync("sessionStorage.getItem('volumebackup.token')")).ValueKind);
        Assert.Equal(0, await Page.EvaluateAsync<int>("sessionStorage.length"));
        await Task.Delay(3500, TestContext.Current.CancellationToken);
        var after = RequestedUrls(Page).Skip(before).Where(u => u.Contains("/v1.1/", StringComparison.Ordinal) || u.Contains("/v3/", StringComparison.Ordinal)).ToList();
        Assert.True(after.Count == 0, "API calls after sign-out: " + string.Join(", ", after));
        Assert.False(await Page.EvaluateAsync<bool>("document.getElementById('sign-in').hidden"));
    }

    [Fact]
    public async Task A_fault_from_the_api_is_shown_with_its_message_as_it_comes()
    {
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.BetaToken, "beta");
        await Page.EvaluateAsync("document.getElementById('create-volume').click()");
        await Page.WaitForAsync("document.getElementById('dialog').open", Wait);
        await Page.EvaluateAsync("document.querySelector('#dialog-fields [name=size]').value = '99999'; document.getElementById('dialog-ok').click()");
        await Page.WaitForAsync("!document.getElementById('dialog-error').hidden", Wait, PageText);
        var shown = await Page.EvaluateAsync<string>("document.getElementById('dialog-error').textContent");
        var answer = await fixture.AdminApi("beta").Client.PostAsync("v1.1/beta/os-volumes",
            new StringContent("{\"volume\": {\"size\": 99999}}", new MediaTypeHeaderValue("application/json")), TestContext.Current.CancellationToken);
        var message = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.EnumerateObject().First().Value.GetProperty("message").GetString();
        Assert.Equal(message, shown);
        await Page.EvaluateAsync("document.getElementById('dialog-cancel').click()");
    }

    [Fact]
    public async Task A_token_of_one_tenant_sees_only_that_tenants_volumes_and_backups()
    {
        var alpha = fixture.AdminApi("alpha");
        var beta = fixture.AdminApi("beta");
        var alphaVolume = await alpha.CreateVolumeAsync(1);
        var betaVolume = await beta.CreateVolumeAsync(1);
        var betaBackup = await beta.CreateBackupAsync(betaVolume);
        await beta.WaitForBackupStatusAsync(betaBackup, BackupStatus.Available);
        var alphaVolumes = await alpha.ListVolumeIdsAsync();
        var alphaBackups = await alpha.ListIdsAsync();

        // An earlier test's session in this tab must not count: forget it, leave the page, let its last requests land.
        await Page.EvaluateAsync("try { sessionStorage.clear(); } catch (e) { }");
        await Page.SendAsync("Page.navigate", new { url = "about:blank" });
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var requestsBefore = RequestedUrls(Page).Count;
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.AlphaToken);
        await OpenAsync(Page, "volumes", $"document.querySelector('tr[data-volume=\"{alphaVolume}\"]')");
        var volumeRows = await Page.EvaluateAsync<string[]>("[...document.querySelectorAll('tr[data-volume]')].map(r => r.dataset.volume)");
        Assert.Equal(alphaVolumes.Order(), volumeRows.Order());
        Assert.DoesNotContain(betaVolume, volumeRows);
        await OpenAsync(Page, "backups", "document.querySelector('#page table, #page .empty')");
        var backupRows = await Page.EvaluateAsync<string[]>("[...document.querySelectorAll('tr[data-backup]')].map(r => r.dataset.backup)");
        Assert.Equal(alphaBackups.Order(), backupRows.Order());
        Assert.DoesNotContain(betaBackup, backupRows);
        var tenantUrls = RequestedUrls(Page).Skip(requestsBefore).Where(u => u.Contains("/v1.1/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(tenantUrls, u => u.Contains("/v1.1/beta/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_dashboard_response_carries_a_strict_content_security_policy()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        foreach (var path in (string[])["/dashboard/", "/dashboard/js/app.js", "/dashboard/css/dashboard.css", "/dashboard/config", "/dashboard/missing"])
        {
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"{path}: no CSP");
            var directives = string.Join(";", values!).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToDictionary(d => d[0], d => d[1..]);
            Assert.Equal(["'none'"], directives["default-src"]);
            Assert.Equal(["'self'"], directives["script-src"]);
            Assert.Equal(["'self'"], directives["style-src"]);
            Assert.Equal(["'self'"], directives["connect-src"]);
            Assert.Equal(["'none'"], directives["frame-ancestors"]);
            Assert.Equal(["'none'"], directives["base-uri"]);
            Assert.All(directives.Values.SelectMany(v => v), source =>
                Assert.DoesNotContain(source, (string[])["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"]));
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var page = await http.GetStringAsync("/dashboard/", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^(?s)(?!.*<script>).*$", page); // every script has a src
    }

    [Fact]
    public async Task Every_page_loads_from_its_own_origin_only_without_csp_violations_and_screenshots_are_drawn()
    {
        var alpha = fixture.AdminApi("alpha");
        if ((await alpha.ListIdsAsync()).Count == 0)
        {
            var volumeId = await alpha.CreateVolumeAsync(1);
            new VolumeFile(await alpha.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 7));
            await alpha.WaitForBackupStatusAsync(await alpha.CreateBackupAsync(volumeId), BackupStatus.Available);
        }

        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.AlphaToken);
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard-screenshots");
        Directory.CreateDirectory(directory);
        var pages = new Dictionary<string, string>
        {
            ["volumes"] = "document.querySelector('tr[data-volume]')",
            ["backups"] = "document.querySelector('tr[data-backup]')",
            ["jobs"] = "document.querySelector('#page h3')",
            ["containers"] = "document.querySelector('#chart-stored') && document.querySelector('#chart-savings').width > 0",
        };
        foreach (var (name, ready) in pages)
        {
            await OpenAsync(Page, name, ready);
            foreach (var (width, height) in ((int, int)[])[(1280, 800), (375, 667)])
            {
                var png = await Page.ScreenshotAsync(width, height, mobile: width < 500);
                var file = Path.Combine(directory, $"{name}-{width}x{height}.png");
                await File.WriteAllBytesAsync(file, png, TestContext.Current.CancellationToken);
                var (w, h, colours) = PngPixels.Inspect(png);
                output.WriteLine($"{file}: {w}x{h}, {colours} colours");
                Assert.Equal((width, height), (w, h));
                Assert.True(colours > 50, $"{name} at {width}x{height} looks blank: {colours} colours");
                if (width < 500)
                {
                    // Readable on a phone: the page does not scroll sideways (tables scroll inside their own box).
                    Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"),
                        $"{name} scrolls sideways at {width} px");
                }
            }
        }

        Assert.Equal(0, await Page.EvaluateAsync<int>("window.__violations.length"));
        var origin = new Uri(fixture.Server.BaseUrl);
        var foreign = RequestedUrls(Page)
            .Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("about:", StringComparison.Ordinal))
            .Where(u => new Uri(u) is var uri && (uri.Scheme, uri.Host, uri.Port) != (origin.Scheme, origin.Host, origin.Port))
            .ToList();
        Assert.True(foreign.Count == 0, "Requests that left the origin: " + string.Join(", ", foreign));
        Assert.Contains(RequestedUrls(Page), u => u.EndsWith("/dashboard/vendor/chartjs/chart.umd.min.js", StringComparison.Ordinal));
        var loaded = await Page.EvaluateAsync<string[]>("performance.getEntriesByType('resource').map(e => e.name)");
        Assert.All(loaded, url => Assert.StartsWith(fixture.Server.BaseUrl + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_keyboard_reaches_the_skip_link_first_and_opens_an_action_with_enter()
    {
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.AlphaToken, "alpha");
        await OpenAsync(Page, "volumes", "document.getElementById('create-volume')");
        // A fresh load (still signed in: the token is in this tab's sessionStorage) starts the tab order at the top.
        await ReloadAsync(Page, "document.getElementById('create-volume')");
        await Page.PressKeyAsync("Tab", "Tab", 9);
        Assert.Equal("skip-link", await Page.EvaluateAsync<string>("document.activeElement.className"));
        await Page.PressKeyAsync("Enter", "Enter", 13, "\r");
        await Page.WaitForAsync("document.activeElement.id === 'main'", Wait, "document.activeElement.outerHTML.slice(0, 200)");

        await Page.EvaluateAsync("document.getElementById('create-volume').focus()");
        Assert.True(await Page.EvaluateAsync<bool>("getComputedStyle(document.activeElement).outlineStyle !== 'none'"), "No visible focus ring.");
        await Page.PressKeyAsync("Enter", "Enter", 13, "\r");
        await Page.WaitForAsync("document.getElementById('dialog').open", Wait, PageText);
        Assert.Equal("field-size", await Page.EvaluateAsync<string>("document.activeElement.id"));
        await Page.PressKeyAsync("Escape", "Escape", 27);
        await Page.WaitForAsync("!document.getElementById('dialog').open", Wait);
        var unlabeled = await Page.EvaluateAsync<int>(
            "[...document.querySelectorAll('input, select')].filter(i => !i.labels || i.labels.length === 0).length");
        Assert.Equal(0, unlabeled);
    }
}

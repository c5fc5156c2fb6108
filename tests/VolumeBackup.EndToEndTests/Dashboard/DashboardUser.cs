using System.Text.Json;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>What a user does on the dashboard, through the page's own DOM: sign in and out, open pages, press buttons.</summary>
internal static class DashboardUser
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    public const string PageText = "document.body.innerText.slice(0, 2000)";

    /// <summary>Opens the dashboard on a clean tab (no token in sessionStorage) and signs in with the token alone.</summary>
    public static async Task SignInAsync(CdpPage page, string dashboardUrl, string token, string? tenant = null)
    {
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height = 800, deviceScaleFactor = 1, mobile = false });
        await page.SendAsync("Page.navigate", new { url = dashboardUrl });
        await page.WaitForAsync("document.body.dataset.ready === 'true'", Wait, PageText);
        await ReloadAsync(page, "!document.getElementById('sign-in').hidden", before: "sessionStorage.clear(); location.hash = '';");
        await page.EvaluateAsync(
            $"document.getElementById('sign-in-token').value = {JsonSerializer.Serialize(token)};" +
            $"document.getElementById('sign-in-tenant').value = {JsonSerializer.Serialize(tenant ?? "")};" +
            "document.querySelector('#sign-in-form button[type=submit]').click()");
        await page.WaitForAsync("document.body.dataset.signedIn === 'true' && document.querySelector('#page table, #page .empty')", Wait, PageText);
    }

    /// <summary>
    /// Reloads the page and waits until the new document is ready. Until the new document commits, the old one still
    /// answers evaluations, so a wait for a state the old page was already in would pass at once: a mark set on the
    /// old window tells the two apart.
    /// </summary>
    public static async Task ReloadAsync(CdpPage page, string readyExpression, string before = "")
    {
        await page.EvaluateAsync($"{before} window.__replaced = true; location.reload()");
        await page.WaitForAsync(
            $"window.__replaced === undefined && document.body.dataset.ready === 'true' && ({readyExpression})", Wait, PageText);
    }

    public static async Task OpenAsync(CdpPage page, string name, string readyExpression)
    {
        await page.EvaluateAsync($"location.hash = '#/{name}'");
        await page.WaitForAsync($"document.querySelector('#nav a[aria-current=page]')?.dataset.page === '{name}' && document.getElementById('page').dataset.page === '{name}' && ({readyExpression})", Wait, PageText);
    }

    /// <summary>Presses the button named <paramref name="label"/> in the table row of <paramref name="rowSelector"/>.</summary>
    public static Task ClickInRowAsync(CdpPage page, string rowSelector, string label) =>
        page.EvaluateAsync(
            $"[...document.querySelector({JsonSerializer.Serialize(rowSelector)}).querySelectorAll('button')]" +
            $".find(b => b.textContent === {JsonSerializer.Serialize(label)}).click()");

    /// <summary>Fills the open dialog's fields by name and presses its OK button; waits for it to close.</summary>
    public static async Task SubmitDialogAsync(CdpPage page, IReadOnlyDictionary<string, string> fields)
    {
        await page.WaitForAsync("document.getElementById('dialog').open", Wait, PageText);
        foreach (var (name, value) in fields)
        {
            await page.EvaluateAsync($"document.querySelector('#dialog-fields [name={name}]').value = {JsonSerializer.Serialize(value)}");
        }

        await page.EvaluateAsync("document.getElementById('dialog-ok').click()");
        await page.WaitForAsync("!document.getElementById('dialog').open", Wait,
            "document.getElementById('dialog-error').textContent");
    }

    /// <summary>Every URL the page requested so far (DevTools Network events), data: URLs included.</summary>
    public static IReadOnlyList<string> RequestedUrls(CdpPage page) =>
        [.. page.Events.Where(e => e.Method == "Network.requestWillBeSent")
            .Select(e => e.Params.GetProperty("request").GetProperty("url").GetString()!)];
}

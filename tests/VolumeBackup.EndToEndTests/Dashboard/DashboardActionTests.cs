using System.Net;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;
using static VolumeBackup.EndToEndTests.Dashboard.DashboardUser;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// The dashboard's actions beyond back up and restore, in a real headless Chromium against the real server: verify from
/// the Backups page, cancel a running backup from the Jobs page, add and delete a schedule on the Volumes page, and
/// refusals shown with the service's own message. Tenant delta is theirs alone (the other tests count their tenants'
/// volumes and backups), and each test tells its own resources apart by id.
/// </summary>
[Collection(DashboardTestGroup.Name)]
public sealed class DashboardActionTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private const string Tenant = "delta";

    private CdpPage Page => fixture.Page;

    private BackupApi Admin => fixture.AdminApi(Tenant);

    [Fact]
    public async Task Verify_in_a_backups_row_shows_it_verified()
    {
        var backupId = await AvailableBackupAsync(seed: 31);
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.DeltaToken, Tenant);
        var row = $"tr[data-backup=\"{backupId}\"]";
        await OpenAsync(Page, "backups", $"document.querySelector('{row} .status-available')");
        Assert.Equal("unverified", await Page.EvaluateAsync<string>($"document.querySelector('{row} .verification').textContent"));

        await ClickInRowAsync(Page, row, "Verify");
        await Page.WaitForAsync($"document.getElementById('message').textContent === 'Verification of backup {backupId} started.'", Wait, PageText);
        await Page.WaitForAsync($"document.querySelector('{row} .verification')?.textContent === 'verified'", Wait, PageText);

        var verification = (await Admin.ShowAsync(backupId)).GetProperty("verification");
        Assert.Equal("verified", verification.GetProperty("status").GetString());
        Assert.True(verification.GetProperty("blocks_checked").GetInt64() > 0, verification.GetRawText());
    }

    [Fact]
    public async Task Cancel_on_the_jobs_page_stops_a_running_backup_which_ends_in_error_with_its_reason()
    {
        // 256 MiB of data: 16 s of upload at 16 MB/s, far longer than the cancel takes (a heartbeat of 1 s).
        var volumeId = await Admin.CreateVolumeAsync(1);
        var volume = new VolumeFile(await Admin.DevicePathAsync(volumeId));
        for (var chunk = 0; chunk < 256; chunk++)
        {
            volume.Write(chunk * (4L << 20), VolumeFile.RandomBytes(1 << 20, seed: 500 + chunk));
        }

        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.DeltaToken, Tenant);
        var backupId = await Admin.CreateBackupAsync(volumeId);
        await OpenAsync(Page, "jobs", $"document.getElementById('progress-{backupId}') && document.getElementById('cancel-{backupId}')");

        await Page.EvaluateAsync($"document.getElementById('cancel-{backupId}').click()");
        await Page.WaitForAsync($"document.getElementById('message').textContent === 'Cancel of backup {backupId} asked.'", Wait, PageText);
        // It leaves the running table and shows up among the failed ones with the service's reason.
        var failedRow = $"tr[data-backup=\"{backupId}\"]";
        await Page.WaitForAsync(
            $"!document.getElementById('cancel-{backupId}') && !document.getElementById('progress-{backupId}') && " +
            $"document.querySelector('{failedRow} .reason')?.textContent === '{BackupCancellation.BackupCancelled}'", Wait, PageText);
        var cells = await Page.EvaluateAsync<string[]>($"[...document.querySelector('{failedRow}').cells].map(c => c.textContent)");
        Assert.Equal([backupId, volumeId, "error", BackupCancellation.BackupCancelled], [cells[0], cells[1], cells[3], cells[4]]);

        var backup = await Admin.ShowAsync(backupId);
        Assert.Equal(BackupStatus.Error, backup.GetProperty("status").GetString());
        Assert.Equal(BackupCancellation.BackupCancelled, backup.GetProperty("fail_reason").GetString());
    }

    [Fact]
    public async Task A_schedule_is_added_listed_with_its_next_run_blocks_the_volumes_delete_and_is_deleted()
    {
        var volumeId = await Admin.CreateVolumeAsync(1);
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.DeltaToken, Tenant);
        var row = $"tr[data-volume=\"{volumeId}\"]";
        await OpenAsync(Page, "volumes", $"document.querySelector('{row} .schedule')?.textContent === 'none'");
        Assert.Empty(await PoliciesAsync(volumeId));

        await ClickInRowAsync(Page, row, "Schedules");
        await SubmitDialogAsync(Page, new Dictionary<string, string>
        {
            ["action"] = "create", ["name"] = $"nightly-{volumeId}", ["cron"] = "30 3 * * *", ["interval"] = "", ["keep_daily"] = "5",
        });
        var policy = Assert.Single(await PoliciesAsync(volumeId));
        var policyId = policy.GetProperty("id").GetString()!;
        var nextRun = policy.GetProperty("next_run_at").GetString()!;
        Assert.Equal("30 3 * * *", policy.GetProperty("schedule").GetProperty("cron").GetString());
        Assert.Equal(5, policy.GetProperty("retention").GetProperty("keep_daily").GetInt32());
        Assert.True(policy.GetProperty("enabled").GetBoolean());

        // Listed on the volume's row with the next run the service computed.
        var shown = $"{row} .policy[data-policy=\"{policyId}\"]";
        await Page.WaitForAsync($"document.querySelector('{shown} .next-run')?.getAttribute('datetime') === '{nextRun}'", Wait, PageText);
        var text = await Page.EvaluateAsync<string>($"document.querySelector('{shown}').textContent");
        output.WriteLine(text);
        Assert.Equal($"nightly-{volumeId}: cron 30 3 * * * UTC, keep 5 daily, next run {nextRun}", text);

        // A volume with a schedule cannot be deleted: the dialog shows the service's refusal as it words it.
        await ClickInRowAsync(Page, row, "Delete");
        await Page.WaitForAsync("document.getElementById('dialog').open", Wait, PageText);
        await Page.EvaluateAsync("document.getElementById('dialog-ok').click()");
        await Page.WaitForAsync("!document.getElementById('dialog-error').hidden", Wait, PageText);
        var refusal = await Page.EvaluateAsync<string>("document.getElementById('dialog-error').textContent");
        await Page.EvaluateAsync("document.getElementById('dialog-cancel').click()");
        var answer = await FaultMessageAsync(await Admin.Client.DeletePathAsync($"v1.1/{Tenant}/os-volumes/{volumeId}"));
        Assert.Equal("Invalid volume: Volume has backup policies; delete them first.", answer);
        Assert.Equal(answer, refusal);
        Assert.Equal(VolumeStatus.Available, (await Admin.VolumeAsync(volumeId)).GetProperty("status").GetString());

        // Delete the schedule from the same dialog.
        await Page.WaitForAsync("!document.getElementById('dialog').open", Wait, PageText);
        await ClickInRowAsync(Page, row, "Schedules");
        await SubmitDialogAsync(Page, new Dictionary<string, string> { ["action"] = $"delete:{policyId}" });
        await Page.WaitForAsync($"document.querySelector('{row} .schedule')?.textContent === 'none'", Wait, PageText);
        Assert.Empty(await PoliciesAsync(volumeId));
    }

    [Fact]
    public async Task Verify_and_restore_of_a_failed_backup_show_the_services_refusal_as_it_comes()
    {
        // A backup whose volume file is gone ends in error.
        var volumeId = await Admin.CreateVolumeAsync(1);
        File.Delete(await Admin.DevicePathAsync(volumeId));
        var backupId = await Admin.CreateBackupAsync(volumeId);
        await Admin.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        var volumesBefore = await Admin.ListVolumeIdsAsync();

        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.DeltaToken, Tenant);
        var row = $"tr[data-backup=\"{backupId}\"]";
        await OpenAsync(Page, "backups", $"document.querySelector('{row} .status-error')");

        // Verify: the refusal goes to the page's alert region.
        await ClickInRowAsync(Page, row, "Verify");
        await Page.WaitForAsync("!document.getElementById('message').hidden && document.getElementById('message').classList.contains('error')", Wait, PageText);
        var verifyShown = await Page.EvaluateAsync<string>("document.getElementById('message').textContent");
        var verifyAnswer = await FaultMessageAsync(await Admin.Client.PostRawAsync($"{Admin.Backups}/{backupId}/verify", "{\"verify\": {}}"));
        output.WriteLine(verifyAnswer);
        Assert.Equal(verifyAnswer, verifyShown);

        // Restore into a new volume: the refusal stays in the dialog.
        await ClickInRowAsync(Page, row, "Restore");
        await Page.WaitForAsync("document.getElementById('dialog').open", Wait, PageText);
        await Page.EvaluateAsync("document.querySelector('#dialog-fields [name=target]').value = 'new'; document.getElementById('dialog-ok').click()");
        await Page.WaitForAsync("!document.getElementById('dialog-error').hidden", Wait, PageText);
        var restoreShown = await Page.EvaluateAsync<string>("document.getElementById('dialog-error').textContent");
        await Page.EvaluateAsync("document.getElementById('dialog-cancel').click()");
        var restoreAnswer = await FaultMessageAsync(await Admin.PostRestoreAsync(backupId, "{\"restore\": {}}"));
        output.WriteLine(restoreAnswer);
        Assert.Equal(restoreAnswer, restoreShown);

        // Neither refusal changed anything.
        var backup = await Admin.ShowAsync(backupId);
        Assert.Equal(BackupStatus.Error, backup.GetProperty("status").GetString());
        Assert.Equal("unverified", backup.GetProperty("verification").GetProperty("status").GetString());
        Assert.Equal(volumesBefore.Order(), (await Admin.ListVolumeIdsAsync()).Order());
    }

    private async Task<string> AvailableBackupAsync(int seed)
    {
        var volumeId = await Admin.CreateVolumeAsync(1);
        new VolumeFile(await Admin.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(1 << 20, seed));
        var backupId = await Admin.CreateBackupAsync(volumeId);
        await Admin.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        return backupId;
    }

    private async Task<List<JsonElement>> PoliciesAsync(string volumeId)
    {
        var body = await ApiAssert.OkJsonAsync(await Admin.Client.GetPathAsync($"v1.1/{Tenant}/hp-volume-backup-policies?volume_id={volumeId}"));
        return [.. body.GetProperty("policies").EnumerateArray()];
    }

    /// <summary>The message of a 400 fault body, <c>{"badRequest": {"message": ..., "code": 400}}</c>.</summary>
    private static async Task<string> FaultMessageAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            return body.EnumerateObject().First().Value.GetProperty("message").GetString()!;
        }
    }
}

using System.Net;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Verify;

/// <summary>
/// Verification through the real server on loopback: the HP route and Cinder's <c>os-verify</c> queue a job; the backup
/// shows <c>verification.status</c> verified, then damaged once a pack is gone, and stays available throughout.
/// </summary>
public sealed class VerifyApiTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task A_backup_verifies_as_verified_then_as_damaged_once_a_pack_is_gone()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(3 << 20, seed: 11));
        volume.Write(600L << 20, VolumeFile.RandomBytes(1 << 20, seed: 12));
        var backupId = await api.CreateBackupAsync(volumeId, container: "verify-e2e");
        var created = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal("unverified", created.GetProperty("verification").GetProperty("status").GetString());
        Assert.True(created.GetProperty("stored_bytes").GetInt64() >= 4L << 20); // random data does not compress
        Assert.Equal(4L << 20, created.GetProperty("data_bytes").GetInt64());

        var response = await api.Client.PostRawAsync($"{api.Backups}/{backupId}/verify", "{\"verify\": {}}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(backupId, body.GetProperty("verify").GetProperty("backup_id").GetString());

        var verified = await WaitForVerdictAsync(api, backupId, null);
        var report = verified.GetProperty("verification");
        Assert.Equal("verified", report.GetProperty("status").GetString());
        Assert.Equal(64, report.GetProperty("blocks_checked").GetInt64()); // 4 MiB of 64 KiB blocks
        Assert.Equal(0, report.GetProperty("damaged_blocks").GetArrayLength());
        Assert.Equal(BackupStatus.Available, verified.GetProperty("status").GetString());

        var container = Path.Combine(fixture.Server.DataDirectory, "objects", api.Tenant, "verify-e2e");
        var pack = Directory.EnumerateFiles(Path.Combine(container, "packs"), "*", SearchOption.AllDirectories)
            .First(f => !Path.GetFileName(f).StartsWith('.'));
        File.Delete(pack);

        // The Cinder surface queues the same job.
        var cinder = CinderBackupsApi.Admin(fixture.Server, api.Tenant);
        var list = JsonDocument.Parse(await (await cinder.GetAsync(cinder.Backups)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var uuid = Assert.Single(list.RootElement.GetProperty("backups").EnumerateArray()).GetProperty("id").GetString()!;
        var action = await cinder.PostAsync($"{cinder.Backups}/{uuid}/action", "{\"os-verify\": {}}");
        Assert.Equal(HttpStatusCode.Accepted, action.StatusCode);

        // The second verdict may land in the same second as the first (times show whole seconds): wait for its content.
        var damaged = await WaitForVerdictAsync(api, backupId, null, BackupVerification.Damaged);
        var finding = damaged.GetProperty("verification");
        Assert.Equal("damaged", finding.GetProperty("status").GetString());
        var missing = Assert.Single(finding.GetProperty("missing_objects").EnumerateArray());
        Assert.Equal("packs/" + Path.GetFileName(Path.GetDirectoryName(pack)) + "/" + Path.GetFileName(pack), missing.GetString());
        Assert.All(finding.GetProperty("damaged_blocks").EnumerateArray(), d => Assert.Equal("missing object", d.GetProperty("reason").GetString()));
        Assert.NotEqual(0, finding.GetProperty("damaged_blocks").GetArrayLength());
        Assert.Equal(BackupStatus.Available, damaged.GetProperty("status").GetString());

        // Cinder's schema has no room for the report: its fail_reason says the backup is damaged, the status stays available.
        var shown = await cinder.ShowAsync(uuid);
        Assert.Equal(BackupStatus.Available, shown.GetProperty("status").GetString());
        Assert.StartsWith("The last verification found the backup damaged (", shown.GetProperty("fail_reason").GetString(), StringComparison.Ordinal);
        Assert.False(shown.TryGetProperty("verification", out _));
    }

    [Fact]
    public async Task Verify_of_a_backup_that_is_not_available_or_unknown_is_refused()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await api.CreateBackupAsync(volumeId, container: "verify-rules");
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        var cinder = CinderBackupsApi.Admin(fixture.Server, api.Tenant);
        var list = JsonDocument.Parse(await (await cinder.GetAsync(cinder.Backups)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var uuid = Assert.Single(list.RootElement.GetProperty("backups").EnumerateArray()).GetProperty("id").GetString()!;
        Assert.Equal(
            HttpStatusCode.Accepted,
            (await cinder.PostAsync($"{cinder.Backups}/{uuid}/action", "{\"os-reset_status\": {\"status\": \"error\"}}")).StatusCode);

        await ApiAssert.FaultAsync(
            await api.Client.PostRawAsync($"{api.Backups}/{backupId}/verify", string.Empty), HttpStatusCode.BadRequest, "badRequest",
            "Invalid backup: Backup status must be available");
        await ApiAssert.FaultAsync(
            await api.Client.PostRawAsync($"{api.Backups}/999999/verify", string.Empty), HttpStatusCode.NotFound, "itemNotFound",
            "Backup 999999 could not be found.");
        await ApiAssert.FaultAsync(
            await cinder.PostAsync($"{cinder.Backups}/{uuid}/action", "{\"os-verify\": {}}"), HttpStatusCode.BadRequest, "badRequest",
            "Invalid backup: Backup status must be available");
        Assert.Equal("unverified", (await api.ShowAsync(backupId)).GetProperty("verification").GetProperty("status").GetString());
    }

    private static async Task<JsonElement> WaitForVerdictAsync(
        BackupApi api, string backupId, string? previousVerifiedAt, string? verdict = null) =>
        await api.WaitForBackupAsync(backupId, b =>
        {
            var v = b.GetProperty("verification");
            return v.GetProperty("verified_at").ValueKind == JsonValueKind.String
                && v.GetProperty("verified_at").GetString() != previousVerifiedAt
                && (verdict is null || v.GetProperty("status").GetString() == verdict)
                && !(b.TryGetProperty("progress", out var p) && p.GetProperty("operation").GetString() == "verify");
        });
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Operations;

/// <summary>
/// Cancel through the real server on loopback with its filesystem store: a queued backup is ended by the request, a
/// running one stops at its next heartbeat (1 s here) and leaves no object of its own in the container, a running
/// restore leaves the backup restorable and the target volume error_restoring, a running verification leaves the backup
/// available with its verdict as it was; a cancel with nothing running is a 400 that changes nothing. Jobs are slowed
/// to 2 MB/s by the bandwidth limit, and one worker runs them, so that a second backup waits in the queue.
/// </summary>
public sealed class CancelTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cancelling_a_queued_and_a_running_backup_leaves_both_in_error_their_volumes_available_and_no_objects()
    {
        using var directory = new TempDataDirectory("vb-cancel-backup");
        await using var server = await StartAsync(directory.Path);
        var api = server.AdminApi(BackupApi.NewTenant());
        var container = "cancel-" + Guid.NewGuid().ToString("N")[..8];
        var runningVolume = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(runningVolume)).Write(0, VolumeFile.RandomBytes(24 << 20, seed: 71));
        var queuedVolume = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(queuedVolume)).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 72));

        var running = await api.CreateBackupAsync(runningVolume, container);
        await WaitUntilMidFlightAsync(api, running, "create");
        var queued = await api.CreateBackupAsync(queuedVolume, container);
        Assert.Equal(BackupStatus.Creating, (await api.ShowAsync(queued)).GetProperty("status").GetString());

        // Queued: ended by the request itself, before it answers.
        Assert.Equal("create", await CancelAsync(api, queued));
        var queuedEnd = await api.ShowAsync(queued);
        Assert.Equal(BackupStatus.Error, queuedEnd.GetProperty("status").GetString());
        Assert.Equal(BackupCancellation.BackupCancelled, queuedEnd.GetProperty("fail_reason").GetString());
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(queuedVolume)).GetProperty("status").GetString());

        // Running: stops at the job's next heartbeat and removes what it wrote.
        var sinceCancel = Stopwatch.StartNew();
        Assert.Equal("create", await CancelAsync(api, running));
        var end = await api.WaitForBackupStatusAsync(running, BackupStatus.Error);
        output.WriteLine($"cancel -> backup error after {sinceCancel.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(BackupCancellation.BackupCancelled, end.GetProperty("fail_reason").GetString());
        Assert.True(!end.TryGetProperty("progress", out var progress) || progress.ValueKind == JsonValueKind.Null, end.GetRawText());
        await api.WaitForVolumeStatusAsync(runningVolume, VolumeStatus.Available, TimeSpan.FromSeconds(5));
        Assert.Empty(ContainerObjects.List(directory.Path, container, "packs/", "segments/", "backups/"));
        Assert.Equal(0, await UnfinishedJobs.CountAsync(directory.Path));

        // Nothing runs any more: 400, and nothing changes.
        await ApiAssert.FaultAsync(await PostCancelAsync(api, running), HttpStatusCode.BadRequest, "badRequest",
            $"Invalid backup: no backup, restore or verification of backup {running} is running.");
        Assert.Equal(BackupStatus.Error, (await api.ShowAsync(running)).GetProperty("status").GetString());
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(runningVolume)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelling_a_running_restore_leaves_the_backup_available_and_the_volume_error_restoring()
    {
        using var directory = new TempDataDirectory("vb-cancel-restore");
        await using var server = await StartAsync(directory.Path);
        var api = server.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(4096, VolumeFile.RandomBytes(24 << 20, seed: 73));
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available, TimeSpan.FromSeconds(120));
        var targetId = await api.RestoreAsync(backupId);
        await WaitUntilMidFlightAsync(api, backupId, "restore");

        Assert.Equal("restore", await CancelAsync(api, backupId));
        var target = await api.WaitForVolumeStatusAsync(targetId, VolumeStatus.ErrorRestoring);
        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available, TimeSpan.FromSeconds(5));
        Assert.Equal(JsonValueKind.Null, backup.GetProperty("fail_reason").ValueKind);
        Assert.Equal(0, await UnfinishedJobs.CountAsync(directory.Path));
        output.WriteLine(target.GetRawText());

        await ApiAssert.FaultAsync(await PostCancelAsync(api, backupId), HttpStatusCode.BadRequest, "badRequest",
            $"Invalid backup: no backup, restore or verification of backup {backupId} is running.");
        Assert.Equal(BackupStatus.Available, (await api.ShowAsync(backupId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_cinder_os_cancel_action_cancels_a_running_backup()
    {
        using var directory = new TempDataDirectory("vb-cancel-cinder");
        await using var server = await StartAsync(directory.Path);
        var api = server.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(24 << 20, seed: 74));
        var backupId = await api.CreateBackupAsync(volumeId);
        await WaitUntilMidFlightAsync(api, backupId, "create");
        using var response = await PostCinderCancelAsync(api);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var end = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        Assert.Equal(BackupCancellation.BackupCancelled, end.GetProperty("fail_reason").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancelling_a_running_verification_keeps_the_backup_available_and_its_verdict_as_it_was()
    {
        using var directory = new TempDataDirectory("vb-cancel-verify");
        await using var server = await StartAsync(directory.Path);
        var api = server.AdminApi(BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(12 << 20, seed: 75));
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available, TimeSpan.FromSeconds(120));

        // Never verified: cancelled on the HP route, it stays unverified.
        await StartVerifyAsync(api, backupId);
        await WaitUntilMidFlightAsync(api, backupId, "verify");
        Assert.Equal("verify", await CancelAsync(api, backupId));
        var unverified = await WaitUntilVerifyEndedAsync(api, backupId);
        Assert.Equal(BackupStatus.Available, unverified.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unverified.GetProperty("fail_reason").ValueKind);
        Assert.Equal(BackupVerification.Unverified, unverified.GetProperty("verification").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unverified.GetProperty("verification").GetProperty("verified_at").ValueKind);
        Assert.Equal(0, await UnfinishedJobs.CountAsync(directory.Path));

        // A new verification runs to its end.
        await StartVerifyAsync(api, backupId);
        var verified = await api.WaitForBackupAsync(backupId, b =>
            b.GetProperty("verification").GetProperty("status").GetString() == BackupVerification.Verified && !HasProgress(b));
        var verdict = verified.GetProperty("verification").GetRawText();

        // Already verified: cancelled through Cinder's os-cancel, the earlier verdict stays, report and time included.
        await StartVerifyAsync(api, backupId);
        await WaitUntilMidFlightAsync(api, backupId, "verify");
        using (var response = await PostCinderCancelAsync(api))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var kept = await WaitUntilVerifyEndedAsync(api, backupId);
        Assert.Equal(BackupStatus.Available, kept.GetProperty("status").GetString());
        Assert.Equal(verdict, kept.GetProperty("verification").GetRawText());
        Assert.Equal(0, await UnfinishedJobs.CountAsync(directory.Path));
        await ApiAssert.FaultAsync(await PostCancelAsync(api, backupId), HttpStatusCode.BadRequest, "badRequest",
            $"Invalid backup: no backup, restore or verification of backup {backupId} is running.");
    }

    private static Task<HttpResponseMessage> PostCancelAsync(BackupApi api, string backupId) =>
        api.Client.PostRawAsync($"{api.Backups}/{backupId}/cancel", "{}");

    private static async Task<string> CancelAsync(BackupApi api, string backupId)
    {
        using var response = await PostCancelAsync(api, backupId);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var cancel = JsonDocument.Parse(text).RootElement.GetProperty("cancel");
        Assert.Equal(backupId, cancel.GetProperty("backup_id").GetString());
        return cancel.GetProperty("operation").GetString()!;
    }

    private static async Task StartVerifyAsync(BackupApi api, string backupId)
    {
        using var response = await api.Client.PostRawAsync($"{api.Backups}/{backupId}/verify", string.Empty);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    // Cinder's os-cancel of the tenant's only backup, named by its UUID.
    private static async Task<HttpResponseMessage> PostCinderCancelAsync(BackupApi api)
    {
        var uuid = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync($"v3/{api.Tenant}/backups/detail")))
            .GetProperty("backups").EnumerateArray().Single().GetProperty("id").GetString();
        return await api.Client.PostRawAsync($"v3/{api.Tenant}/backups/{uuid}/action", """{"os-cancel": {}}""");
    }

    // The cancelled verification is over once its progress is gone and no job is left queued or running.
    private static Task<JsonElement> WaitUntilVerifyEndedAsync(BackupApi api, string backupId) =>
        api.WaitForBackupAsync(backupId, b => !HasProgress(b), TimeSpan.FromSeconds(15));

    private static bool HasProgress(JsonElement backup) =>
        backup.TryGetProperty("progress", out var progress) && progress.ValueKind != JsonValueKind.Null;

    private static async Task<ServerProcess> StartAsync(string dataDirectory)
    {
        var server = ServerProcess.Start(dataDirectory, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:LeaseDuration"] = "00:00:05",
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                ["VolumeBackup:Backups:ProgressInterval"] = "00:00:00.250",
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:Workers"] = "1",
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = (2_000_000).ToString(CultureInfo.InvariantCulture),
            },
        });
        await server.WaitUntilHealthyAsync(Startup);
        return server;
    }

    private static Task<JsonElement> WaitUntilMidFlightAsync(BackupApi api, string backupId, string operation) =>
        api.WaitForBackupAsync(backupId, backup =>
            backup.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Object
            && progress.GetProperty("operation").GetString() == operation
            && progress.GetProperty("bytes_done").GetInt64() > 0);
}

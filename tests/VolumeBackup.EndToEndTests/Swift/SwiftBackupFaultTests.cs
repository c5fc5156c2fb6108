using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.EndToEndTests.Swift;

/// <summary>
/// The real server reaches Swift through <see cref="FaultyTcpProxy"/>: with 503s, connection resets and stalls on
/// every other connection a backup and its restore still complete; when Swift only answers 503, or never answers, for
/// longer than the outage budget, the backup ends in <c>error</c> with a fail_reason a user can read (no stack trace, path or URL).
/// </summary>
public sealed class SwiftBackupFaultTests(ITestOutputHelper output)
{
    private static readonly IPEndPoint Swift = new(IPAddress.Loopback, 8080);

    [Fact]
    public async Task A_backup_and_its_restore_complete_through_a_proxy_that_answers_503_resets_and_stalls()
    {
        SwiftFixture.Require();
        TcpFault[] rotation = [TcpFault.ServiceUnavailable, TcpFault.Reset, TcpFault.Slow];
        // Every connection carries a fault: the server's client keeps few connections alive, so sparing every other one
        // left whole backups without a fault that really fired.
        await using var proxy = new FaultyTcpProxy(Swift, n => rotation[n % rotation.Length])
        {
            ResetAfterBytes = 100_000,
            SlowDelay = TimeSpan.FromSeconds(2),
        };
        await using var server = await SwiftServer.StartAsync(proxy.Port, retries: (8, TimeSpan.FromSeconds(10)));
        var api = server.AdminApi(SwiftFixture.TenantA);
        var volumeId = await api.CreateVolumeAsync(1);
        var source = await api.DevicePathAsync(volumeId);
        VolumeBytes.WriteKnown(source, seed: 71);

        var backupId = await api.CreateBackupAsync(volumeId, server.Container);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var afterBackup = proxy.FaultsInjected;
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);

        VolumeBytes.AssertSame(source, await api.DevicePathAsync(restoredId));
        output.WriteLine($"{proxy.Connections} connections, {afterBackup} faults during the backup, {proxy.FaultsInjected} in all: "
            + $"{proxy.Fired(TcpFault.ServiceUnavailable)} 503s, {proxy.Fired(TcpFault.Reset)} resets, {proxy.Fired(TcpFault.Slow)} stalls");
        Assert.True(afterBackup > 0, "The backup met no fault.");
        Assert.True(proxy.FaultsInjected > afterBackup, "The restore met no fault.");
        foreach (var fault in rotation)
        {
            Assert.True(proxy.Fired(fault) > 0, $"No {fault} happened.");
        }
    }

    [Theory]
    [InlineData(TcpFault.ServiceUnavailable)]
    [InlineData(TcpFault.Slow)]
    public async Task A_backup_that_swift_keeps_failing_ends_in_error_with_a_plain_fail_reason(TcpFault fault)
    {
        SwiftFixture.Require();
        await using var proxy = new FaultyTcpProxy(Swift, _ => fault) { SlowDelay = TimeSpan.FromSeconds(30) };
        await using var server = await SwiftServer.StartAsync(proxy.Port, retries: (3, TimeSpan.FromSeconds(1)), outageBudget: TimeSpan.FromSeconds(3));
        var api = server.AdminApi(SwiftFixture.TenantA);
        var volumeId = await api.CreateVolumeAsync(1);
        VolumeBytes.WriteKnown(await api.DevicePathAsync(volumeId), seed: 72, randomMiB: 1);

        var backupId = await api.CreateBackupAsync(volumeId, server.Container);
        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);

        var reason = backup.GetProperty("fail_reason").GetString();
        output.WriteLine($"fail_reason: {reason}");
        Assert.Equal("The backup failed: the object store was unavailable for longer than 3 seconds. Try again later.", reason);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        Assert.True(proxy.Fired(fault) > 0, $"No {fault} happened.");
    }
}

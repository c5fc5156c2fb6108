using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Swift;

/// <summary>
/// Two tenants back up into containers of the same name: each backup lands only in its own tenant's Swift account,
/// and the other tenant can neither see nor restore it through the API.
/// </summary>
public sealed class SwiftTenantIsolationEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_tenants_backup_lands_only_in_its_own_account_and_the_other_tenant_gets_404_for_it()
    {
        SwiftCli.Require();
        await using var server = await SwiftServer.StartAsync();
        var a = server.AdminApi(SwiftFixture.TenantA);
        var b = server.AdminApi(SwiftFixture.TenantB);
        var volumeA = await a.CreateVolumeAsync(1);
        var volumeB = await b.CreateVolumeAsync(1);
        VolumeBytes.WriteKnown(await a.DevicePathAsync(volumeA), seed: 81, randomMiB: 1);
        VolumeBytes.WriteKnown(await b.DevicePathAsync(volumeB), seed: 82, randomMiB: 1);

        var backupA = await a.CreateBackupAsync(volumeA, server.Container);
        var backupB = await b.CreateBackupAsync(volumeB, server.Container);
        await a.WaitForBackupStatusAsync(backupA, BackupStatus.Available);
        await b.WaitForBackupStatusAsync(backupB, BackupStatus.Available);

        var inA = await SwiftCli.TenantA.ListAsync(server.Container, Ct);
        var inB = await SwiftCli.TenantB.ListAsync(server.Container, Ct);
        Assert.Equal([$"backups/{backupA}/manifest.json"], Roots(inA));
        Assert.Equal([$"backups/{backupB}/manifest.json"], Roots(inB));
        Assert.Empty(inA.Intersect(inB)); // different volume bytes: no pack or segment in common either

        // Tenant B, with its own token, in its own URL: A's backup does not exist for it.
        var tenantB = new BackupApi(server.TenantClient(SwiftFixture.TenantB), SwiftFixture.TenantB);
        using (var show = await tenantB.Client.GetPathAsync($"{tenantB.Backups}/{backupA}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
        }

        using (var restore = await tenantB.PostRestoreAsync(backupA, "{\"restore\": {}}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, restore.StatusCode);
        }

        using (var delete = await tenantB.DeleteBackupAsync(backupA))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        Assert.DoesNotContain(backupA, await tenantB.ListIdsAsync(detail: true));

        // Nor can B's token reach into A's URL.
        using (var foreign = await tenantB.Client.GetPathAsync($"v1.1/{SwiftFixture.TenantA}/hp-volume-backups/{backupA}"))
        {
            Assert.False(foreign.IsSuccessStatusCode, $"Tenant B read tenant A's backup: {(int)foreign.StatusCode}");
        }

        await a.WaitForBackupStatusAsync(backupA, BackupStatus.Available);
    }

    private static string[] Roots(string[] names) => [.. names.Where(name => name.StartsWith("backups/", StringComparison.Ordinal))];
}

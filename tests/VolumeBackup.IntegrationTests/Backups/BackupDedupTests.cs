using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// The container's block index through the API: volumes with the same bytes backed up into one container store their
/// blocks once; another tenant's container of the same name never shares them.
/// </summary>
public sealed class BackupDedupTests(BackupDedupTests.BlockIndexServerFixture fixture) : IClassFixture<BackupDedupTests.BlockIndexServerFixture>
{
    private const string Container = "clones";

    [Fact]
    public async Task A_second_volume_with_the_same_bytes_adds_almost_nothing_to_the_container_and_both_restore_identically()
    {
        var api = fixture.NewTenant();
        var (first, second, content) = await TwoClonesAsync(api);

        var firstBackup = await BackUpAsync(api, first);
        var afterFirst = ContainerBytes(fixture.Server, api.Tenant);
        var secondBackup = await BackUpAsync(api, second);
        var added = ContainerBytes(fixture.Server, api.Tenant) - afterFirst;

        TestContext.Current.SendDiagnosticMessage($"container after the first clone's backup: {afterFirst} bytes; the second added {added}");
        Assert.True(afterFirst > 2 << 20, $"the first backup stored {afterFirst} bytes");
        Assert.True(added < afterFirst / 50, $"the second backup added {added} bytes to the first's {afterFirst}");
        Assert.Equal(content, await RestoredAsync(api, firstBackup));
        Assert.Equal(content, await RestoredAsync(api, secondBackup));
    }

    [Fact]
    public async Task The_same_bytes_in_another_tenants_container_of_the_same_name_are_stored_again()
    {
        var owner = fixture.NewTenant();
        var (first, _, _) = await TwoClonesAsync(owner);
        await BackUpAsync(owner, first);
        var other = fixture.NewTenant();
        var (clone, _, content) = await TwoClonesAsync(other);

        var backupId = await BackUpAsync(other, clone);

        Assert.True(ContainerBytes(fixture.Server, other.Tenant) >= ContainerBytes(fixture.Server, owner.Tenant) * 9 / 10);
        Assert.Equal(content, await RestoredAsync(other, backupId));
    }

    [Fact]
    public async Task With_the_block_index_off_by_default_a_second_volume_with_the_same_bytes_is_stored_again()
    {
        await using var server = await TestServer.StartAsync(new ServerSettings { Settings = BackupServerFixture.Settings() });
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var (first, second, content) = await TwoClonesAsync(api);

        await BackUpAsync(api, first);
        var afterFirst = ContainerBytes(server, api.Tenant);
        var secondBackup = await BackUpAsync(api, second);

        Assert.True(ContainerBytes(server, api.Tenant) - afterFirst > afterFirst * 9 / 10);
        Assert.Equal(content, await RestoredAsync(api, secondBackup));
    }

    /// <summary>Two 1 GiB volumes with the same 4 MiB of data (random and text) at the same places.</summary>
    private static async Task<(string First, string Second, string Content)> TwoClonesAsync(BackupApi api)
    {
        var ids = new[] { await api.CreateVolumeAsync(1), await api.CreateVolumeAsync(1) };
        string content = "";
        foreach (var id in ids)
        {
            var volume = new VolumeFile(await api.DevicePathAsync(id));
            volume.Write(0, VolumeFile.RandomBytes(3 << 20, seed: 21));
            volume.Write(600L << 20, VolumeFile.TextBytes(1 << 20, seed: 22));
            content = volume.Sha256();
        }

        return (ids[0], ids[1], content);
    }

    private static async Task<string> BackUpAsync(BackupApi api, string volumeId)
    {
        var backupId = await api.CreateBackupAsync(volumeId, Container);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        return backupId;
    }

    private static async Task<string> RestoredAsync(BackupApi api, string backupId)
    {
        var volumeId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        return new VolumeFile(await api.DevicePathAsync(volumeId)).Sha256();
    }

    /// <summary>Bytes of the tenant's container on disk, temporary files of the store left out.</summary>
    private static long ContainerBytes(TestServer server, string tenant)
    {
        var path = Path.Combine(server.DataDirectory, "objects", tenant, Container);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Sum(f => new FileInfo(f).Length)
            : 0;
    }

    /// <summary>The shared backup server with the block index turned on (it is off by default).</summary>
    public sealed class BlockIndexServerFixture : BackupServerFixture
    {
        protected override (string Key, string Value)[] ExtraSettings => [("VolumeBackup:DataPath:BlockIndex", "Database")];
    }
}

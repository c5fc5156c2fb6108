using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Servers;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>Servers whose data directory (volumes, snapshots, objects, database) is on a real XFS, btrfs or ext4.</summary>
internal static class SnapshotServers
{
    public const string AttachBody =
        """{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": "/dev/vdb", "mode": "rw"}}""";

    public static Task<TestServer> StartAsync(TestFilesystemDirectory directory, params (string Key, string Value)[] extra) =>
        TestServer.StartAsync(new ServerSettings { Settings = BackupServerFixture.Settings(extra) }, directory.Path);

    /// <summary>Where the server keeps the snapshots of the volume with HP id <paramref name="hpVolumeId"/>.</summary>
    public static string SnapshotDirectory(string dataDirectory, string hpVolumeId) =>
        Path.Combine(dataDirectory, "volumes", "snapshots", "volume-" + hpVolumeId);

    /// <summary>The names of the files in the volume's snapshot directory (none when it does not exist).</summary>
    public static string[] SnapshotFiles(string dataDirectory, string hpVolumeId)
    {
        var directory = SnapshotDirectory(dataDirectory, hpVolumeId);
        return Directory.Exists(directory) ? [.. Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];
    }

    /// <summary>The HP id of the backup a Cinder UUID names.</summary>
    public static async Task<string> HpBackupIdAsync(TestServer server, string backupUuid)
    {
        using var scope = server.Services.CreateScope();
        var backup = await scope.ServiceProvider.GetRequiredService<BackupStore>().FindByUuidAsync(Guid.Parse(backupUuid), CancellationToken.None);
        return backup!.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>SHA-256 of a whole file, streamed (volumes are 1 GiB, mostly holes).</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

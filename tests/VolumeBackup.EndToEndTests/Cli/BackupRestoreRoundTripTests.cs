using System.Security.Cryptography;
using System.Text.Json;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>The walk-through a user does: volume, known bytes, backup, restore, same bytes.</summary>
[Collection(CliServerGroup.Name)]
public sealed class BackupRestoreRoundTripTests(CliServerFixture fixture)
{
    /// <summary>Known bytes at the start, across a 64 KiB block boundary in the middle, and in the last block.</summary>
    private static readonly long[] Offsets = [0, (512L << 20) - 1000, (1L << 30) - 4096];

    [Fact]
    public async Task Bytes_written_into_a_volume_come_back_after_backup_create_wait_and_restore_wait()
    {
        var source = await fixture.CreateVolumeAsync("cli-roundtrip-source");
        var sourcePath = await fixture.DevicePathAsync(source.Id);
        var written = await WriteKnownBytesAsync(sourcePath);

        var backup = await fixture.RunAsync("backup", "create", source.Id, "--name", "roundtrip", "--wait", "--poll-interval", "0.2", "-f", "json");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var created = JsonSerializer.Deserialize<BackupDetail>(backup.Stdout)!;
        Assert.Equal("available", created.Status);
        Assert.DoesNotContain('\u001b', backup.Stderr);

        var target = await fixture.CreateVolumeAsync("cli-roundtrip-target");
        var restore = await fixture.RunAsync("backup", "restore", created.Id, target.Id, "--wait", "--poll-interval", "0.2", "-f", "json");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(new RestoreResult(created.Id, target.Id), JsonSerializer.Deserialize<RestoreResult>(restore.Stdout));

        var targetPath = await fixture.DevicePathAsync(target.Id);
        foreach (var (offset, bytes) in written)
        {
            Assert.Equal(bytes, await ReadAsync(targetPath, offset, bytes.Length));
        }

        Assert.Equal(await HashAsync(sourcePath), await HashAsync(targetPath));
        var volume = await fixture.RunAsync("volume", "show", target.Id, "-f", "json");
        Assert.Contains("\"status\": \"available\"", volume.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_without_a_volume_prints_the_new_volume_id_and_that_volume_holds_the_bytes()
    {
        var source = await fixture.CreateVolumeAsync("cli-roundtrip-new");
        var sourcePath = await fixture.DevicePathAsync(source.Id);
        await WriteKnownBytesAsync(sourcePath);
        var backupId = (await fixture.RunAsync("backup", "create", source.Id, "--wait", "--poll-interval", "0.2", "-q")).Stdout.Trim();

        var restore = await fixture.RunAsync("backup", "restore", backupId, "--wait", "--poll-interval", "0.2", "-q");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        var newVolumeId = restore.Stdout.Trim();
        Assert.NotEqual(source.Id, newVolumeId);
        Assert.Equal(await HashAsync(sourcePath), await HashAsync(await fixture.DevicePathAsync(newVolumeId)));
    }

    [Fact]
    public async Task A_restore_into_a_volume_smaller_than_the_backup_exits_1_with_the_spec_message()
    {
        var source = await fixture.CreateVolumeAsync("cli-roundtrip-big", sizeGb: 2);
        var backupId = (await fixture.RunAsync("backup", "create", source.Id, "--wait", "--poll-interval", "0.2", "-q")).Stdout.Trim();
        var small = await fixture.CreateVolumeAsync("cli-roundtrip-small");

        var restore = await fixture.RunAsync("backup", "restore", backupId, small.Id, "--wait");

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains(
            "Invalid volume: Volume to be restored to is smaller than the backup to be restored (badRequest, HTTP 400)",
            restore.Stderr,
            StringComparison.Ordinal);
    }

    private static async Task<List<(long Offset, byte[] Bytes)>> WriteKnownBytesAsync(string path)
    {
        var written = new List<(long, byte[])>();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        foreach (var offset in Offsets)
        {
            var bytes = new byte[4096];
            new Random((int)(offset % int.MaxValue)).NextBytes(bytes);
            file.Position = offset;
            await file.WriteAsync(bytes, TestContext.Current.CancellationToken);
            written.Add((offset, bytes));
        }

        await file.FlushAsync(TestContext.Current.CancellationToken);
        return written;
    }

    private static async Task<byte[]> ReadAsync(string path, long offset, int length)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[length];
        file.Position = offset;
        await file.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken);
        return buffer;
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, TestContext.Current.CancellationToken));
    }
}

using System.Globalization;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// The data path's memory is a set of fixed pools, whatever the volume's size. Measured from outside, on the real
/// server process: its peak resident set (VmHWM in /proc/&lt;pid&gt;/status) after backing up 64 MiB of incompressible
/// data (the pools fill up to their bounds), then after backing up 256 MiB. Budget: the four times larger backup raises the peak by at most
/// <see cref="GrowthBudget"/>, and the peak stays under <see cref="PeakBudget"/> with the default data path options.
/// </summary>
public sealed class BackupMemoryTests(ITestOutputHelper output)
{
    private const long MiB = 1 << 20;

    /// <summary>
    /// Half the 192 MiB more data the large backup reads: a data path that kept what it read grows by all of it (seen
    /// with every chunk kept: +135 MiB for 96 MiB more data), while the garbage collector's heap growth on a longer run
    /// stays well below (measured: +44 MiB).
    /// </summary>
    private const long GrowthBudget = 96 * MiB;

    /// <summary>The idle server (about 115 MiB), its pools at the default options and garbage collector slack; measured 173 MiB.</summary>
    private const long PeakBudget = 320 * MiB;

    [Fact]
    public async Task Backing_up_four_times_more_data_does_not_raise_the_servers_peak_memory()
    {
        Assert.True(OperatingSystem.IsLinux(), "VmHWM is read from /proc");
        using var directory = new TempDataDirectory("vb-memory");
        await using var server = ServerProcess.Start(directory.Path, new ServerSettings());
        await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120)); // a loaded machine starts slowly
        var api = server.AdminApi(BackupApi.NewTenant());
        var idle = PeakResidentBytes(server);

        var small = await BackUpAsync(api, 64 << 20, seed: 41);
        var afterSmall = PeakResidentBytes(server);
        var large = await BackUpAsync(api, 256 << 20, seed: 42);
        var afterLarge = PeakResidentBytes(server);

        output.WriteLine($"peak RSS: idle {idle / MiB} MiB, after 64 MiB {afterSmall / MiB} MiB, after 256 MiB {afterLarge / MiB} MiB");
        Assert.InRange(afterLarge - afterSmall, 0, GrowthBudget);
        Assert.InRange(afterLarge, 0, PeakBudget);
        Assert.NotEqual(small, large);
    }

    private static async Task<string> BackUpAsync(BackupApi api, int bytes, int seed)
    {
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        for (var offset = 0; offset < bytes; offset += 16 << 20)
        {
            volume.Write(offset, VolumeFile.RandomBytes(16 << 20, seed + offset));
        }

        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available, TimeSpan.FromMinutes(3));
        return backupId;
    }

    // VmHWM: the process's peak resident set so far, in kB.
    private static long PeakResidentBytes(ServerProcess server)
    {
        var line = File.ReadLines($"/proc/{server.ProcessId}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

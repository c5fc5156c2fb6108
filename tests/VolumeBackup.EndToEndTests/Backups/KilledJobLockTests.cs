using System.Diagnostics;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// The real server is killed with SIGKILL while a delete sweeps (it holds a prune lock) and while a restore reads (it
/// holds a restore lock), then started again on the same data directory. The killed job's lock must die with it: the
/// resumed delete, a new backup into the container and a later delete all go ahead within one lease period (plus the
/// recovery interval and the time the work itself takes), measured from the kill, and the space is reclaimed.
/// Jobs run at 2 MB/s so the kill lands mid-flight: the sweep compacts 3 MiB of live blocks out of an 8 MiB pack.
/// The locks are rows of the server's database (<c>ContainerLocks</c>); with <c>MirrorObjectLocks</c> on (the default) they
/// are also <c>locks/</c> objects in the container, and both must let go.
/// </summary>
public sealed class KilledJobLockTests(ITestOutputHelper output)
{
    private const string Container = "volumebackups";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(1);

    /// <summary>Restart (a few seconds on a busy machine) and the work itself at 2 MB/s: never near the 30-minute stale time.</summary>
    private static readonly TimeSpan Work = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_kill_during_a_deletes_sweep_the_resumed_delete_a_new_backup_and_a_later_delete_proceed(bool mirror)
    {
        using var directory = new TempDataDirectory("vb-kill-sweep");
        var server = await StartAsync(directory.Path, mirror);
        var api = server.AdminApi(BackupApi.NewTenant());
        var (volumeId, first, second) = await TwoBackupsAsync(api);
        var container = ContainerDirectory(directory.Path, api.Tenant);

        await DeleteAsync(api, first);
        await WaitForLockAsync(directory.Path, api.Tenant, container, mirror, "prune-", TimeSpan.FromSeconds(60));
        server.Kill();
        var killedAt = Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.Contains(await LocksAsync(directory.Path, api.Tenant, container, mirror), name => name.StartsWith("prune-", StringComparison.Ordinal));
        server = await StartAsync(directory.Path, mirror);
        api = server.AdminApi(api.Tenant);
        var restarted = killedAt.Elapsed;

        var third = await api.CreateBackupAsync(volumeId); // into the container the dead sweep had locked
        await api.WaitUntilGoneAsync(first);
        var deleteResumed = killedAt.Elapsed;
        await api.WaitForBackupStatusAsync(third, BackupStatus.Available);
        var backupDone = killedAt.Elapsed;
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        await DeleteAsync(api, second);
        await api.WaitUntilGoneAsync(second);
        var laterDelete = killedAt.Elapsed;
        var packBytes = await WaitForPackBytesBelowAsync(container, ReclaimedBelow, killedAt, Bound);

        output.WriteLine($"kill -> restarted {Seconds(restarted)}, resumed delete done {Seconds(deleteResumed)}, new backup " +
            $"available {Seconds(backupDone)}, later delete done {Seconds(laterDelete)}, packs {packBytes >> 10} KiB; " +
            $"locks left: {string.Join(", ", await LocksAsync(directory.Path, api.Tenant, container, mirror))}");
        Assert.True(deleteResumed < Bound, $"The resumed delete took {Seconds(deleteResumed)} after the kill (bound {Seconds(Bound)}).");
        Assert.True(backupDone < Bound, $"The new backup took {Seconds(backupDone)} after the kill (bound {Seconds(Bound)}).");
        Assert.True(laterDelete < Bound, $"The later delete took {Seconds(laterDelete)} after the kill (bound {Seconds(Bound)}).");
        Assert.Empty(await LocksAsync(directory.Path, api.Tenant, container, mirror));
        Assert.True(mirror || LockFiles(container).Length == 0, "without the mirror no lock object is written");
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_kill_during_a_restore_a_later_delete_reclaims_the_space_within_a_lease_period(bool mirror)
    {
        using var directory = new TempDataDirectory("vb-kill-restore-lock");
        var server = await StartAsync(directory.Path, mirror);
        var api = server.AdminApi(BackupApi.NewTenant());
        var (_, first, second) = await TwoBackupsAsync(api);
        var container = ContainerDirectory(directory.Path, api.Tenant);
        var targetId = await api.RestoreAsync(second);
        await WaitForLockAsync(directory.Path, api.Tenant, container, mirror, "restore-", TimeSpan.FromSeconds(60));

        server.Kill(); // at once: the restore reads 8 MiB at 2 MB/s, so it still holds its lock
        var killedAt = Stopwatch.StartNew();
        await server.DisposeAsync();
        var deadLock = Assert.Single(
            (await LocksAsync(directory.Path, api.Tenant, container, mirror)).Distinct(), name => name.StartsWith("restore-", StringComparison.Ordinal));
        server = await StartAsync(directory.Path, mirror);
        api = server.AdminApi(api.Tenant);
        await api.WaitForVolumeStatusAsync(targetId, VolumeStatus.Available); // the resumed restore ended
        var restoreDone = killedAt.Elapsed;
        await api.WaitForBackupStatusAsync(second, BackupStatus.Available);
        await DeleteAsync(api, first);
        await api.WaitUntilGoneAsync(first);
        var packBytes = await WaitForPackBytesBelowAsync(container, ReclaimedBelow, killedAt, Bound);
        var reclaimed = killedAt.Elapsed;

        var locksLeft = await LocksAsync(directory.Path, api.Tenant, container, mirror);
        Assert.DoesNotContain(deadLock, locksLeft);
        output.WriteLine($"kill -> resumed restore done {Seconds(restoreDone)}, space reclaimed {Seconds(reclaimed)} " +
            $"(packs {packBytes >> 10} KiB); locks left: {string.Join(", ", locksLeft)}");
        Assert.Empty(locksLeft);
        await server.DisposeAsync();
    }

    /// <summary>One lease period and the recovery interval, plus the restart and the work itself.</summary>
    private static TimeSpan Bound => Lease + Recovery + Work;

    /// <summary>The volume's 8 MiB of live data is all that should stay; before the sweep there are 13 MiB of packs.</summary>
    private const long ReclaimedBelow = 10L << 20;

    // A full backup of 8 MiB (one 8 MiB pack), then 5 MiB of it overwritten and backed up again: deleting the first
    // leaves its pack 3/8 live, so the sweep compacts it (3 MiB read and written at 2 MB/s) and frees 5 MiB.
    private static async Task<(string VolumeId, string First, string Second)> TwoBackupsAsync(BackupApi api)
    {
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(8 << 20, seed: 61));
        var first = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(first, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        volume.Write(0, VolumeFile.RandomBytes(5 << 20, seed: 62));
        var second = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(second, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        return (volumeId, first, second);
    }

    private static string ContainerDirectory(string dataDirectory, string tenant) => Path.Combine(dataDirectory, "objects", tenant, Container);

    private static string[] LockFiles(string container)
    {
        var locks = Path.Combine(container, "locks");
        return Directory.Exists(locks) ? [.. Directory.EnumerateFiles(locks).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];
    }

    private static long PackBytes(string container)
    {
        var packs = Path.Combine(container, "packs");
        return Directory.Exists(packs)
            ? Directory.EnumerateFiles(packs, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Sum(f => new FileInfo(f).Length)
            : 0;
    }

    private static async Task<long> WaitForPackBytesBelowAsync(string container, long below, Stopwatch since, TimeSpan bound)
    {
        while (true)
        {
            var bytes = PackBytes(container);
            if (bytes < below)
            {
                return bytes;
            }

            Assert.True(since.Elapsed < bound,
                $"{bytes >> 10} KiB of packs are left {Seconds(since.Elapsed)} after the kill: the sweep reclaimed nothing " +
                $"(lock objects: {string.Join(", ", LockFiles(container))}).");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The container's locks where the server keeps them: rows of its database, and with the mirror on also the
    /// <c>locks/</c> objects, each named <c>&lt;kind&gt;-&lt;owner&gt;</c> (a mirrored lock appears twice).
    /// </summary>
    private static async Task<string[]> LocksAsync(string dataDirectory, string tenant, string container, bool mirror) =>
        [.. (await LockRows.ReadAsync(dataDirectory, tenant, Container)).Concat(mirror ? LockFiles(container) : []).Order(StringComparer.Ordinal)];

    /// <summary>Until a lock of the kind is in the database, and with the mirror on also among the objects.</summary>
    private static async Task WaitForLockAsync(
        string dataDirectory, string tenant, string container, bool mirror, string kindPrefix, TimeSpan within)
    {
        var since = Stopwatch.StartNew();
        while (!((await LockRows.ReadAsync(dataDirectory, tenant, Container)).Any(k => k.StartsWith(kindPrefix, StringComparison.Ordinal))
            && (!mirror || LockFiles(container).Any(k => k.StartsWith(kindPrefix, StringComparison.Ordinal)))))
        {
            Assert.True(since.Elapsed < within, $"No {kindPrefix}* lock appeared within {Seconds(within)}.");
            await Task.Delay(20);
        }
    }

    private static async Task DeleteAsync(BackupApi api, string backupId)
    {
        using var deleted = await api.DeleteBackupAsync(backupId);
        Assert.True(deleted.IsSuccessStatusCode, $"Delete answered {(int)deleted.StatusCode}");
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:F1} s";

    private static async Task<ServerProcess> StartAsync(string dataDirectory, bool mirror)
    {
        var server = ServerProcess.Start(dataDirectory, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:LeaseDuration"] = Lease.ToString(),
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                ["VolumeBackup:Backups:RecoveryInterval"] = Recovery.ToString(),
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:MaxAttempts"] = "5",
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = "2000000",
                ["VolumeBackup:DataPath:LockPollInterval"] = "00:00:01",
                ["VolumeBackup:DataPath:Locks"] = "Database",
                ["VolumeBackup:DataPath:MirrorObjectLocks"] = mirror ? "true" : "false",
            },
        });
        await server.WaitUntilHealthyAsync(Startup);
        return server;
    }
}

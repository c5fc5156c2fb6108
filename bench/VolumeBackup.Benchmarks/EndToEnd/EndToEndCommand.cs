using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.ChangedBlocks;
using VolumeBackup.Volumes.Snapshots;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.Benchmarks.EndToEnd;

/// <summary>
/// The steps of bench/e2e-throughput.sh, each a separate process so that its peak RSS is its own:
/// generate, mutate, backup, restore, verify, damage-pack, sha256-rate. Each prints "key=value" lines for the script.
/// </summary>
internal static class EndToEndCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args[1..]);
        switch (args[0])
        {
            case "generate":
                MixedVolumeGenerator.Generate(options["volume"], Long(options["size"]), (ulong)Long(options["seed"]));
                return 0;
            case "mutate":
                var percent = double.Parse(options["percent"], CultureInfo.InvariantCulture);
                var changed = MixedVolumeGenerator.Mutate(options["volume"], percent, (ulong)Long(options["seed"]));
                Console.WriteLine($"changed_bytes={changed}");
                return 0;
            case "backup":
                return await BackupAsync(options);
            case "backup-many":
                return await BackupManyAsync(options);
            case "restore":
                return await RestoreAsync(options);
            case "verify":
                return await VerifySteps.VerifyAsync(options);
            case "damage-pack":
                return await VerifySteps.DamagePackAsync(options);
            case "kernels":
                Kernels.QuickKernelRates.Run();
                return 0;
            case "store-bytes":
                using (var stores = new BenchStores())
                {
                    Console.WriteLine($"stored_bytes={await stores.StoredBytesAsync(options["store"])}");
                }

                return 0;
            case "store-clear":
                using (var stores = new BenchStores())
                {
                    await stores.ClearAsync(options["store"]);
                }

                return 0;
            case "sha256-rate":
                Sha256Rate(long.Parse(options["bytes"], CultureInfo.InvariantCulture));
                return 0;
            default:
                await Console.Error.WriteLineAsync($"unknown e2e step '{args[0]}'");
                return 2;
        }
    }

    private static async Task<int> BackupAsync(Dictionary<string, string> o)
    {
        var engine = new BackupEngine(OptionsFrom(o), TimeProvider.System);
        using var stores = new BenchStores();
        var store = await stores.OpenAsync(o["store"]);
        using var volume = OpenVolume(o["volume"], VolumeAccess.Read);
        o.TryGetValue("previous", out var previous);
        if (o.ContainsKey("warm-up"))
        {
            await WarmUpAsync(engine);
        }

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var (readBefore, diskBefore) = (ProcIo("rchar"), ProcIo("read_bytes"));
        var watch = Stopwatch.StartNew();
        // --changes-from <older clone>: a changed-block incremental, the extent maps compared as the service does (timed).
        var changed = o.TryGetValue("changes-from", out var older) ? ChangedSince(older, o["volume"]) : null;
        var descriptor = new BackupDescriptor(o["id"], "1", "bench", null, DateTimeOffset.UtcNow, previous, changed);
        var result = await engine.BackupAsync(volume, store, descriptor, null, CancellationToken.None);
        watch.Stop();
        Report(watch, volume.Length);
        Console.WriteLine($"read_changed_blocks_only={result.ReadChangedBlocksOnly}");
        // CPU of the backup alone (startup and JIT before it left out), for comparing two backups of one run.
        Console.WriteLine(FormattableString.Invariant($"backup_cpu_seconds={(Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds:F2}"));
        Console.WriteLine($"backup_read_bytes={ProcIo("rchar") - readBefore}");
        Console.WriteLine($"backup_disk_read_bytes={ProcIo("read_bytes") - diskBefore}");
        Console.WriteLine($"new_stored_bytes={result.NewStoredBytes}");
        Console.WriteLine($"new_blocks={result.NewBlocks}");
        Console.WriteLine($"object_count={result.ObjectCount}");
        Console.WriteLine($"buffer_bytes={result.BufferBytes}");
        return 0;
    }

    /// <summary>
    /// A full and a changed-block backup of a small temporary volume, untimed: a backup in the service runs in a process
    /// whose code is compiled already, so that two timed backups compare their work, not the JIT's.
    /// </summary>
    private static async Task WarmUpAsync(BackupEngine engine)
    {
        var dir = Directory.CreateTempSubdirectory("vb-warm-up-").FullName;
        try
        {
            var path = Path.Combine(dir, "volume");
            MixedVolumeGenerator.Generate(path, 16 << 20, 3);
            var store = new FilesystemObjectStore(Path.Combine(dir, "store"), "bench");
            await store.EnsureContainerAsync(CancellationToken.None);
            using var volume = OpenVolume(path, VolumeAccess.Read);
            await engine.BackupAsync(volume, store, new BackupDescriptor("w1", "1", null, null, DateTimeOffset.UtcNow, null), null, CancellationToken.None);
            ByteRange[] changed = [new(1 << 20, 65536), new(9 << 20, 65536)];
            await engine.BackupAsync(
                volume, store, new BackupDescriptor("w2", "1", null, null, DateTimeOffset.UtcNow, "w1", changed), null, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IReadOnlyList<ByteRange> ChangedSince(string older, string newer)
    {
        var watch = Stopwatch.StartNew();
        var location = new VolumeLocation("1", null);
        var changed = new FiemapChangedBlocks().Between(
            new VolumeSnapshot(location, "older", older), new VolumeSnapshot(location, "newer", newer))
            ?? throw new InvalidOperationException($"no extent comparison between {older} and {newer}");
        Console.WriteLine(FormattableString.Invariant($"fiemap_seconds={watch.Elapsed.TotalSeconds:F3}"));
        Console.WriteLine($"changed_ranges={changed.Count}");
        Console.WriteLine($"changed_range_bytes={changed.Sum(r => r.Length)}");
        return changed;
    }

    /// <summary>N concurrent full backups of one volume into N containers, in one process: peak RSS of a busy node.</summary>
    private static async Task<int> BackupManyAsync(Dictionary<string, string> o)
    {
        var engine = new BackupEngine(OptionsFrom(o), TimeProvider.System);
        var count = int.Parse(o["count"], CultureInfo.InvariantCulture);
        using var volume = OpenVolume(o["volume"], VolumeAccess.Read);
        using var stores = new BenchStores();
        var targets = new List<IObjectStore>();
        for (var i = 0; i < count; i++)
        {
            targets.Add(await stores.OpenAsync(o["store"], i.ToString(CultureInfo.InvariantCulture)));
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => engine.BackupAsync(
            volume,
            targets[i],
            new BackupDescriptor($"many-{i}", "1", null, null, DateTimeOffset.UtcNow, null),
            null,
            CancellationToken.None)));
        watch.Stop();
        Report(watch, volume.Length * count);
        return 0;
    }

    private static async Task<int> RestoreAsync(Dictionary<string, string> o)
    {
        var engine = new BackupEngine(OptionsFrom(o), TimeProvider.System);
        using var stores = new BenchStores();
        var store = await stores.OpenAsync(o["store"]);
        var size = long.Parse(o["size"], CultureInfo.InvariantCulture);
        using (var create = new FileStream(o["volume"], FileMode.Create, FileAccess.Write))
        {
            create.SetLength(size);
        }

        using var volume = OpenVolume(o["volume"], VolumeAccess.ReadWrite);
        var watch = Stopwatch.StartNew();
        await engine.RestoreAsync(store, o["id"], volume, null, CancellationToken.None);
        watch.Stop();
        Report(watch, size);
        return 0;
    }

    /// <summary>Single-core SHA256.HashData over 64 KiB blocks in memory: the CPU floor a backup is compared with.</summary>
    private static void Sha256Rate(long bytes)
    {
        var data = new byte[64 << 20];
        new Random(1).NextBytes(data);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(data.AsSpan(0, 65536), digest); // warm up
        var watch = Stopwatch.StartNew();
        for (long done = 0; done < bytes; done += 65536)
        {
            SHA256.HashData(data.AsSpan((int)(done % data.Length), 65536), digest);
        }

        watch.Stop();
        Console.WriteLine(FormattableString.Invariant($"mb_per_s={bytes / 1e6 / watch.Elapsed.TotalSeconds:F1}"));
    }

    // The driver's own way of opening a file, by path: the bench volume lives outside a driver directory.
    private static VolumeHandle OpenVolume(string path, VolumeAccess access) => SparseFileVolumeDriver.OpenFile(path, access);

    internal static void Report(Stopwatch watch, long logicalBytes)
    {
        Console.WriteLine(FormattableString.Invariant($"seconds={watch.Elapsed.TotalSeconds:F3}"));
        Console.WriteLine(FormattableString.Invariant($"mb_per_s={logicalBytes / 1e6 / watch.Elapsed.TotalSeconds:F1}"));
        Console.WriteLine($"peak_rss_kib={PeakRssKib()}");
        Console.WriteLine(FormattableString.Invariant($"cpu_seconds={Environment.CpuUsage.TotalTime.TotalSeconds:F2}"));
        Console.WriteLine($"read_bytes={ProcIo("rchar")}");
        Console.WriteLine($"written_bytes={ProcIo("wchar")}");
        Console.WriteLine($"disk_read_bytes={ProcIo("read_bytes")}");
    }

    /// <summary>
    /// Bytes this process passed through read (rchar) or write (wchar) calls, as the kernel counts them: holes a backup
    /// skips and blocks it never fetches are not in it, so it is the measured "bytes actually read".
    /// </summary>
    private static long ProcIo(string field)
    {
        var line = File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line[(field.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static long PeakRssKib()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Defaults, with any option overridden by name for experiments (e.g. --Workers 1 --ReadChunkBytes 4194304).</summary>
    internal static DataPathOptions OptionsFrom(Dictionary<string, string> o)
    {
        int Int(string name, int fallback) => o.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var d = new DataPathOptions();
        return d with
        {
            Workers = Int(nameof(d.Workers), d.Workers),
            ChunksInFlight = Int(nameof(d.ChunksInFlight), d.ChunksInFlight),
            ReadChunkBytes = Int(nameof(d.ReadChunkBytes), d.ReadChunkBytes),
            UploadConcurrency = Int(nameof(d.UploadConcurrency), d.UploadConcurrency),
            DownloadConcurrency = Int(nameof(d.DownloadConcurrency), d.DownloadConcurrency),
            PackTargetBytes = Int(nameof(d.PackTargetBytes), d.PackTargetBytes),
            RestoreRangeBytes = Int(nameof(d.RestoreRangeBytes), d.RestoreRangeBytes),
            CompressionLevel = Int(nameof(d.CompressionLevel), d.CompressionLevel),
        };
    }

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            result[args[i].TrimStart('-')] = args[i + 1];
        }

        return result;
    }
}

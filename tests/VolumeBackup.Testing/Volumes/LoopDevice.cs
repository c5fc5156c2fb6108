namespace VolumeBackup.Testing.Volumes;

/// <summary>
/// A real block device (a loop device of <c>scripts/filesystems.sh</c>) held for one test: an exclusive lock on its lock
/// file keeps every other test, in this process or another test assembly, off it until dispose. Skips locally and fails
/// in CI when no device is set up; waits while all are taken.
/// </summary>
public sealed class LoopDevice : IDisposable
{
    private static readonly string DeviceList = System.IO.Path.Combine(TestFilesystemDirectory.Root, "devices");
    private static readonly string LockDirectory = System.IO.Path.Combine(TestFilesystemDirectory.Root, "locks");
    private readonly FileStream _lock;

    private LoopDevice(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    /// <summary>The device node, e.g. /dev/loop4.</summary>
    public string Path { get; }

    /// <summary>The device's size in bytes.</summary>
    public long SizeBytes
    {
        get
        {
            // fstat says 0 for a block device, and so do FileStream's Length and Seek(0, End), which trust it: lseek(2) tells.
            using var device = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return VolumeBackup.Platform.BlockDevices.SizeOf(device, Path);
        }
    }

    public static async Task<LoopDevice> LeaseAsync(CancellationToken ct = default)
    {
        var devices = File.Exists(DeviceList) ? await File.ReadAllLinesAsync(DeviceList, ct) : [];
        devices = [.. devices.Where(d => d.Length > 0 && File.Exists(d))];
        RealServices.Require(devices.Length > 0, "a loop block device", "sudo bash scripts/filesystems.sh up");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            foreach (var device in devices)
            {
                if (TryLock(device) is { } held)
                {
                    return new LoopDevice(device, held);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"All {devices.Length} test block devices stayed taken for 5 minutes.");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Fills the device with random bytes (so that a restore which leaves a range alone is seen).</summary>
    public void FillRandom(int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using var device = File.OpenHandle(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var size = SizeBytes;
        for (long offset = 0; offset < size; offset += buffer.Length)
        {
            random.NextBytes(buffer);
            RandomAccess.Write(device, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - offset)), offset);
        }

        RandomAccess.FlushToDisk(device);
    }

    public void Dispose() => _lock.Dispose();

    private static FileStream? TryLock(string device)
    {
        Directory.CreateDirectory(LockDirectory);
        var lockPath = System.IO.Path.Combine(LockDirectory, System.IO.Path.GetFileName(device) + ".lock");
        try
        {
            // FileShare.None takes an exclusive flock on Linux, released when the process ends, even by a kill.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

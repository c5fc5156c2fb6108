using System.Diagnostics;
using System.Globalization;

namespace VolumeBackup.Testing;

/// <summary>
/// A real file system that fills up: a tmpfs of a fixed size mounted on a fresh temp directory (the tests run as root;
/// without root it skips locally and fails in CI). <see cref="Fill"/> takes all but a few bytes; <see cref="MakeReadOnly"/>
/// remounts it read-only. Unmounted and removed on dispose.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private readonly TempDataDirectory _mountPoint = new("vb-small-fs");

    public SmallFilesystem(long sizeBytes, bool strictAtime = false)
    {
        RealServices.Require(Environment.IsPrivilegedProcess, "root (to mount a tmpfs)", "run the tests as root");
        var options = $"size={sizeBytes.ToString(CultureInfo.InvariantCulture)}" + (strictAtime ? ",strictatime" : string.Empty);
        Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", _mountPoint.Path);
    }

    public string Path => _mountPoint.Path;

    /// <summary>Takes the free space but <paramref name="leaveBytes"/> with one file (a real ENOSPC for later writes).</summary>
    public void Fill(long leaveBytes = 0)
    {
        var free = new DriveInfo(Path).AvailableFreeSpace - leaveBytes;
        if (free > 0)
        {
            Run("fallocate", "-l", free.ToString(CultureInfo.InvariantCulture), System.IO.Path.Combine(Path, $"filler-{Guid.NewGuid():N}"));
        }
    }

    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        _mountPoint.Dispose();
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace VolumeBackup.Testing.Volumes;

/// <summary>
/// How much of a file sits in the page cache (util-linux <c>fincore</c>, i.e. mincore(2)): read from outside the process
/// under test, it shows which bytes of a freshly made reflink clone (nothing cached) a backup read. Page cache is per
/// file, even between clones that share extents.
/// </summary>
public static class PageCache
{
    public static long ResidentBytes(string path)
    {
        var start = new ProcessStartInfo("fincore", ["--bytes", "--noheadings", "--output", "RES", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("fincore did not start");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fincore {path} failed: {error}");
        }

        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}

using System.Security.Cryptography;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.OpenStack;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>What a volume's file holds, read from outside the server; and the one known client quirk of restores.</summary>
internal static class VolumeContent
{
    /// <summary>SHA-256 of the whole file (a 1 GiB sparse volume reads in a second or two).</summary>
    public static async Task<string> HashAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, TestContext.Current.CancellationToken));
    }

    /// <summary>Overwrites 1 MiB after the first block with other bytes, so that a restore into the volume must put them back.</summary>
    public static void Scribble(string path, int seed) => new VolumeFile(path).Write(4096, VolumeFile.RandomBytes(1 << 20, seed));

    /// <summary>
    /// openstackclient 6.0.0 sends the restore, gets 202 and then fails to print the answer ("cannot unpack
    /// non-iterable VolumeBackupsRestore object", exit 1): accept that failure, and only that one. Callers then check
    /// that the restore really happened.
    /// </summary>
    public static void AssertRestoreSent(CliRun run)
    {
        if (run.ExitCode != 0)
        {
            run.AssertFailedWith("cannot unpack non-iterable VolumeBackupsRestore object");
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Freezes the backup format the way restic and kopia keep old repositories readable: FormatFixtures/v1 holds a
/// filesystem-store container written by format version 1 (a full backup, an incremental on it, and a backup of a
/// volume with holes and zero blocks) and, in volumes.txt, each backup's volume size and the SHA-256 of its bytes.
/// Every later version must restore them byte for byte. The fixtures are never regenerated for a format change: a new
/// format gets a new version and a new fixture directory beside this one (docs/backup-format.md).
/// Compressed bytes are not pinned: another zstd build may compress differently and still write the same format.
/// </summary>
public sealed class FormatGoldenTests
{
    private const string Version = "v1";
    private const string Container = "container";
    private const string ExpectedFile = "volumes.txt";

    // The options the fixtures were written with (small spans and packs, so a few hundred KiB cross several of each).
    private static readonly DataPathOptions Options = new()
    {
        BlockSize = 65536,
        SegmentBlocks = 16,
        PackTargetBytes = 256 * 1024,
        ReadChunkBytes = 4 * 65536,
        Workers = 2,
        ChunksInFlight = 4,
        UploadConcurrency = 2,
        DownloadConcurrency = 2,
        RestoreRangeBytes = 4 * 65536,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backups_written_by_format_version_1_restore_byte_for_byte()
    {
        var fixtures = FixtureDirectory();
        var expected = ReadExpected(Path.Combine(fixtures, ExpectedFile));
        Assert.Equal(["full-1", "incremental-2", "holes-3"], expected.Select(e => e.BackupId));
        using var work = new TempDirectory();
        await AssertRestoresAsync(Path.Combine(fixtures, Container), expected, work);
    }

    /// <summary>
    /// Runs the fixtures' generator with today's code into a temporary directory: it must write the very volumes the
    /// committed fixtures hold (same sizes and SHA-256), and today's code must restore its own backups of them. With
    /// VB_WRITE_FORMAT_FIXTURES=1 it writes into the source tree instead, and only into a new format version's
    /// directory: existing fixtures are what old backups look like and are never rewritten.
    /// </summary>
    [Fact]
    public async Task The_fixture_generator_writes_the_committed_volumes_and_restores_them()
    {
        var intoSourceTree = Environment.GetEnvironmentVariable("VB_WRITE_FORMAT_FIXTURES") == "1";
        using var scratch = new TempDirectory();
        var target = intoSourceTree ? Path.Combine(SourceDirectory(), "DataPath", "FormatFixtures", Version) : scratch.Combine(Version);
        Assert.False(Directory.Exists(target), $"{target} exists: fixtures of a released format are never rewritten.");

        await WriteFixturesAsync(target);

        var committed = ReadExpected(Path.Combine(FixtureDirectory(), ExpectedFile));
        var written = ReadExpected(Path.Combine(target, ExpectedFile));
        Assert.Equal(committed, written);
        await AssertRestoresAsync(Path.Combine(target, Container), written, scratch);
    }

    private static async Task AssertRestoresAsync(string container, List<(string BackupId, long Size, string Sha256)> expected, TempDirectory work)
    {
        var store = CopyContainer(container, work.Combine("store-" + Guid.NewGuid().ToString("N"))); // a restore writes its lock
        var engine = new BackupEngine(Options, TimeProvider.System);

        foreach (var (backupId, size, sha256) in expected)
        {
            var volume = VolumeFile.Create(work.Combine($"{backupId}-{Guid.NewGuid():N}.raw"), size);
            using (var handle = volume.Open(writable: true))
            {
                await engine.RestoreAsync(store, backupId, handle, null, Ct);
            }

            Assert.Equal(size, new FileInfo(volume.Path).Length);
            Assert.Equal(sha256, volume.Sha256());
        }
    }

    private static async Task WriteFixturesAsync(string target)
    {
        using var work = new TempDirectory();
        var storeDirectory = Path.Combine(target, Container);
        var store = new FilesystemObjectStore(storeDirectory, "backups");
        var engine = new BackupEngine(Options, TimeProvider.System);
        var lines = new List<string>();

        // full-1: compressible and incompressible blocks, a block repeated, a partial last block, across two spans.
        var volume = VolumeFile.Create(work.Combine("volume.raw"), 20 * 65536 + 1000);
        volume.Write(0, Text(3 * 65536, 1));
        volume.Write(3 * 65536, Noise(65536, 1));
        volume.Write(4 * 65536, Text(65536, 1)); // the same bytes as block 0: stored once
        volume.Write(8 * 65536, Text(6 * 65536, 2));
        volume.Write(17 * 65536, Noise(65536, 2));
        volume.Write(20 * 65536, Text(1000, 3));
        lines.Add(await BackUpAsync(engine, store, volume, "full-1", null));

        // incremental-2: two blocks changed in the first span, one in the second; the rest refers to full-1.
        volume.Write(1 * 65536 + 100, Text(5000, 4));
        volume.Write(5 * 65536, Noise(65536, 3));
        volume.Write(18 * 65536, Text(65536, 5));
        lines.Add(await BackUpAsync(engine, store, volume, "incremental-2", "full-1"));

        // holes-3: a first span that is all holes, zero blocks written as zeros, data between them, a partial last block.
        var holes = VolumeFile.Create(work.Combine("holes.raw"), 40 * 65536 + 4096);
        holes.Write(17 * 65536, new byte[2 * 65536]); // written zeros: zero blocks, not data
        holes.Write(19 * 65536 + 512, Text(10000, 6));
        holes.Write(33 * 65536, Noise(1000, 4));
        holes.Write(40 * 65536, Text(4096, 7));
        lines.Add(await BackUpAsync(engine, store, holes, "holes-3", null));

        foreach (var lockFile in Directory.EnumerateFiles(storeDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(storeDirectory, f).StartsWith("locks", StringComparison.Ordinal)))
        {
            File.Delete(lockFile);
        }

        await File.WriteAllLinesAsync(Path.Combine(target, ExpectedFile), lines, Ct);
    }

    private static async Task<string> BackUpAsync(BackupEngine engine, FilesystemObjectStore store, VolumeFile volume, string backupId, string? previous)
    {
        var descriptor = new BackupDescriptor(
            backupId, "42", $"fixture {backupId}", "format version 1", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), previous);
        using (var handle = volume.Open())
        {
            await engine.BackupAsync(handle, store, descriptor, null, null, Ct);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{backupId} {new FileInfo(volume.Path).Length} {volume.Sha256()}");
    }

    private static List<(string BackupId, long Size, string Sha256)> ReadExpected(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(p => (p[0], long.Parse(p[1], CultureInfo.InvariantCulture), p[2]))];

    private static FilesystemObjectStore CopyContainer(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return new FilesystemObjectStore(to, "backups");
    }

    private static string FixtureDirectory()
    {
        var directory = Path.Combine(SourceDirectory(), "DataPath", "FormatFixtures", Version);
        Assert.True(Directory.Exists(directory), $"The format fixtures are missing: {directory}");
        return directory;
    }

    // The test project's source directory, found upwards from the build output (fixtures are read in place).
    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "VolumeBackup.UnitTests");
            if (File.Exists(Path.Combine(candidate, "VolumeBackup.UnitTests.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/VolumeBackup.UnitTests not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Text-like bytes defined here, independent of any runtime's random generator.</summary>
    private static byte[] Text(int length, int variant)
    {
        var sentence = Encoding.ASCII.GetBytes($"The quick brown volume {variant} jumps over 64 KiB blocks; segment 0042 points at pack 7.\n");
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(sentence[i % sentence.Length] + (i / 4096 % 3));
        }

        return bytes;
    }

    /// <summary>Incompressible bytes: SHA-256 in counter mode.</summary>
    private static byte[] Noise(int length, int variant)
    {
        var bytes = new byte[(length + 31) / 32 * 32];
        for (var i = 0; i * 32 < length; i++)
        {
            SHA256.HashData(BitConverter.GetBytes((variant << 24) + i), bytes.AsSpan(i * 32, 32));
        }

        return bytes[..length];
    }

    private sealed class TempDirectory : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("vb-format-").FullName;

        public string Combine(string name) => Path.Combine(_path, name);

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}

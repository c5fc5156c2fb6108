using VolumeBackup.Platform;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.ChangedBlocks;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// <see cref="FiemapChangedBlocks"/> on real files: two reflink clones of a volume file on XFS and btrfs, the volume
/// changed in between. Every byte outside the reported ranges must be equal in both clones.
/// </summary>
public sealed class ChangedBlocksTests
{
    private const int KiB = 1024;
    private const long Size = (24L << 20) + 4096;

    [Theory]
    [InlineData(TestFilesystemKind.Xfs)]
    [InlineData(TestFilesystemKind.Btrfs)]
    public void Writes_holes_and_appends_are_changed_and_every_byte_outside_the_ranges_is_equal(TestFilesystemKind kind)
    {
        using var dir = new TestFilesystemDirectory(kind);
        var volume = MixedVolume(dir.Path, Size);
        volume.Write(8L << 20, VolumeFile.RandomBytes(1 << 20, 5)); // data, punched below
        using (var handle = volume.Open(writable: true))
        {
            handle.Zero(20L << 20, 1L << 20); // a hole, written below
        }

        var older = Clone(volume, dir.Path, "backup-1");

        var writes = new List<ByteRange>();
        var random = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            var offset = random.NextInt64(0, Size - (64 * KiB)) / 4096 * 4096;
            volume.Write(offset, VolumeFile.RandomBytes(64 * KiB, 100 + i));
            writes.Add(new ByteRange(offset, 64 * KiB));
        }

        using (var handle = volume.Open(writable: true))
        {
            handle.Zero(8L << 20, 1L << 20); // a punched hole where there was data
        }

        writes.Add(new ByteRange(8L << 20, 1L << 20));
        volume.Write(20L << 20, VolumeFile.TextBytes(128 * KiB, 3)); // data where the volume had a hole
        writes.Add(new ByteRange(20L << 20, 128 * KiB));
        var same = File.ReadAllBytes(volume.Path).AsSpan(2 << 20, 64 * KiB).ToArray();
        volume.Write(2 << 20, same); // the same bytes again: a new extent, reported as changed, which is allowed
        var newer = Clone(volume, dir.Path, "backup-2");

        var changed = new FiemapChangedBlocks().Between(older, newer);

        Assert.NotNull(changed);
        AssertSortedAndApart(changed);
        foreach (var write in writes)
        {
            Assert.True(Covered(changed, write), $"write at {write.Offset} (+{write.Length}) is not in the changed ranges");
        }

        AssertEqualOutside(changed, older.Path, newer.Path);
        var changedBytes = changed.Sum(r => r.Length);
        Assert.InRange(changedBytes, 1L << 20, 4L << 20); // about the writes (filesystem blocks around them), not the volume
    }

    [Fact]
    public void Compressed_btrfs_extents_are_always_changed()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Btrfs);
        var volume = VolumeFile.Create(Path.Combine(dir.Path, "volume"), 0);
        Chattr("+c", volume.Path); // btrfs compresses this file's writes: its extents are ENCODED
        volume.Write(0, VolumeFile.TextBytes(8 << 20, 1));
        var older = Clone(volume, dir.Path, "backup-1");
        volume.Write(1 << 20, VolumeFile.TextBytes(64 * KiB, 2));
        var newer = Clone(volume, dir.Path, "backup-2");

        var changed = new FiemapChangedBlocks().Between(older, newer);

        // A compressed extent's address is that of the whole compressed run, not of each byte: nothing in it is trusted.
        Assert.Equal([new ByteRange(0, 8 << 20)], changed);
    }

    [Fact]
    public void Resized_missing_or_unmappable_snapshots_answer_null()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        var volume = MixedVolume(dir.Path, Size);
        var older = Clone(volume, dir.Path, "backup-1");
        using (var stream = new FileStream(volume.Path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(Size + (1 << 20));
        }

        var grown = Clone(volume, dir.Path, "backup-2");
        var blocks = new FiemapChangedBlocks();

        Assert.Null(blocks.Between(older, grown));
        Assert.Null(blocks.Between(older with { Path = Path.Combine(dir.Path, "gone") }, grown));
        Assert.Null(blocks.Between(older, older with { Path = "/proc/self/status" })); // procfs has no extent map
    }

    [Fact]
    public void Without_reflink_ext4_copies_share_nothing_so_every_byte_with_data_is_changed()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        var volume = MixedVolume(dir.Path, Size);
        Assert.Equal(95, Reflink.TryClone(volume.Path, Path.Combine(dir.Path, "clone"))); // EOPNOTSUPP
        var older = Snapshot(Copy(volume.Path, Path.Combine(dir.Path, "backup-1")), "backup-1");
        var newer = Snapshot(Copy(volume.Path, Path.Combine(dir.Path, "backup-2")), "backup-2");

        var changed = new FiemapChangedBlocks().Between(older, newer);

        Assert.NotNull(changed);
        AssertEqualOutside(changed, older.Path, newer.Path);
        using var handle = new VolumeFile(newer.Path).Open();
        foreach (var data in handle.GetAllocatedRanges())
        {
            Assert.True(Covered(changed, data), $"data at {data.Offset} is not in the changed ranges");
        }
    }

    internal static VolumeFile MixedVolume(string dir, long size)
    {
        var volume = VolumeFile.Create(Path.Combine(dir, "volume"), size);
        var random = new Random(1);
        for (long offset = 0; offset + (1 << 20) <= size; offset += 1 << 20)
        {
            switch (random.Next(4))
            {
                case 0:
                    volume.Write(offset, VolumeFile.RandomBytes(1 << 20, (int)(offset >> 20)));
                    break;
                case 1:
                    volume.Write(offset, VolumeFile.TextBytes(1 << 20, (int)(offset >> 20)));
                    break;
                case 2:
                    volume.Write(offset, new byte[1 << 20]); // written zeros: allocated, all-zero blocks
                    break;
                default:
                    break; // a hole
            }
        }

        volume.Write(size - 1000, VolumeFile.RandomBytes(1000, 9)); // a partial last block
        return volume;
    }

    internal static VolumeSnapshot Clone(VolumeFile volume, string dir, string name)
    {
        var path = Path.Combine(dir, name);
        Reflink.Clone(volume.Path, path);
        return Snapshot(path, name);
    }

    private static VolumeSnapshot Snapshot(string path, string name) => new(new VolumeLocation("1", null), name, path);

    private static string Copy(string from, string to)
    {
        File.Copy(from, to);
        return to;
    }

    private static void Chattr(string flags, string path)
    {
        using var process = System.Diagnostics.Process.Start("chattr", [flags, path])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static bool Covered(IReadOnlyList<ByteRange> ranges, ByteRange range) =>
        ranges.Any(r => r.Offset <= range.Offset && range.End <= r.End);

    private static void AssertSortedAndApart(IReadOnlyList<ByteRange> ranges)
    {
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.True(ranges[i - 1].End < ranges[i].Offset, "ranges must be sorted, merged and apart");
        }
    }

    /// <summary>Every byte outside the changed ranges is the same in both files (read through the page cache).</summary>
    private static void AssertEqualOutside(IReadOnlyList<ByteRange> changed, string older, string newer)
    {
        var a = File.ReadAllBytes(older);
        var b = File.ReadAllBytes(newer);
        Assert.Equal(a.Length, b.Length);
        long at = 0;
        foreach (var range in changed.Append(new ByteRange(a.Length, 0)))
        {
            var length = (int)(range.Offset - at);
            Assert.True(
                a.AsSpan((int)at, length).SequenceEqual(b.AsSpan((int)at, length)),
                $"bytes in [{at}, {range.Offset}) differ but were reported unchanged");
            at = range.End;
        }
    }
}

using VolumeBackup.Platform;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.ChangedBlocks;

namespace VolumeBackup.UnitTests.Volumes;

/// <summary>The comparison of two extent maps, on maps written out by hand (the real maps: ChangedBlocksTests).</summary>
public sealed class ExtentComparisonTests
{
    private const long K = 1024;

    private static FileExtent E(long logical, long physical, long length, FiemapExtentBits flags = FiemapExtentBits.Shared) =>
        new(logical * K, physical * K, length * K, flags);

    private static ByteRange R(long offset, long length) => new(offset * K, length * K);

    [Fact]
    public void Shared_extents_and_holes_in_both_are_unchanged_everything_else_is_changed()
    {
        FileExtent[] older = [E(0, 1000, 64), E(128, 2000, 64)];
        FileExtent[] newer =
        [
            E(0, 1000, 16), // still shared
            E(16, 5000, 8), // rewritten
            E(24, 1024, 40), // shared again, split from the first extent
            E(64, 7000, 16), // written where the older file had a hole
            E(128, 2000, 64),
            E(256, 9000, 8), // appended beyond the older data, inside the same length
        ];

        var changed = ExtentComparison.ChangedRanges(older, newer, 300 * K);

        Assert.Equal([R(16, 8), R(64, 16), R(256, 8)], changed);
    }

    [Fact]
    public void The_same_physical_address_at_another_logical_offset_is_a_change()
    {
        // Same extent start, but the newer file maps it 4 KiB later: byte x is at different places.
        var changed = ExtentComparison.ChangedRanges([E(0, 1000, 64)], [E(4, 1000, 60), E(0, 3000, 4)], 64 * K);

        Assert.Equal([R(0, 64)], changed);
    }

    [Fact]
    public void A_hole_in_one_file_only_is_a_change()
    {
        Assert.Equal([R(16, 16)], ExtentComparison.ChangedRanges([E(0, 100, 64)], [E(0, 100, 16), E(32, 132, 32)], 64 * K));
        Assert.Equal([R(0, 8)], ExtentComparison.ChangedRanges([], [E(0, 100, 8)], 64 * K));
    }

    [Theory]
    [InlineData(FiemapExtentBits.Unknown)]
    [InlineData(FiemapExtentBits.Delalloc)]
    [InlineData(FiemapExtentBits.Encoded)]
    [InlineData(FiemapExtentBits.DataEncrypted)]
    [InlineData(FiemapExtentBits.NotAligned)]
    [InlineData(FiemapExtentBits.DataInline)]
    [InlineData(FiemapExtentBits.DataTail)]
    [InlineData(FiemapExtentBits.Unwritten)]
    public void An_extent_whose_address_is_not_per_byte_or_not_final_is_changed_even_at_the_same_address(FiemapExtentBits flag)
    {
        FileExtent[] plain = [E(0, 1000, 64, FiemapExtentBits.Shared | FiemapExtentBits.Last)];
        FileExtent[] flagged = [E(0, 1000, 64, FiemapExtentBits.Shared | FiemapExtentBits.Last | flag)];

        Assert.Equal([R(0, 64)], ExtentComparison.ChangedRanges(plain, flagged, 64 * K));
        Assert.Equal([R(0, 64)], ExtentComparison.ChangedRanges(flagged, plain, 64 * K));
        Assert.Empty(ExtentComparison.ChangedRanges(plain, plain, 64 * K));
    }

    [Fact]
    public void Extents_past_the_length_are_ignored_and_a_map_out_of_order_is_refused()
    {
        Assert.Empty(ExtentComparison.ChangedRanges([E(0, 100, 8)], [E(0, 100, 8), E(64, 500, 8)], 64 * K));
        Assert.Throws<InvalidDataException>(() => ExtentComparison.ChangedRanges([E(8, 100, 8), E(0, 50, 8)], [], 64 * K));
    }
}

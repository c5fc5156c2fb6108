using System.Runtime.InteropServices;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// A run of consecutive blocks read from the volume, inside one segment span. Pooled: its arrays are allocated once and
/// reused, so a backup's read memory is the pool size x <see cref="Data"/> and <see cref="Output"/> whatever the volume.
/// </summary>
internal sealed class Chunk
{
    public Chunk(int chunkBytes, int blockSize)
    {
        Data = AlignedSegment(chunkBytes);
        Output = GC.AllocateUninitializedArray<byte>(chunkBytes);
        var blocks = chunkBytes / blockSize;
        Outcomes = new BlockOutcome[blocks];
        Hashes = new Hash256[blocks];
        Found = new BlockLocation?[blocks];
        Pending = new int[blocks];
    }

    /// <summary>
    /// Plaintext read from the volume. Its first byte sits on a <see cref="VolumeHandle.DirectWriteAlignment"/> boundary
    /// (a pinned array, over-allocated by one alignment), so reads of volumes opened for direct I/O can bypass the page cache.
    /// </summary>
    public ArraySegment<byte> Data { get; }

    /// <summary>Compressed blocks, each at the same offset as its plaintext in <see cref="Data"/> (compressed is smaller).</summary>
    public byte[] Output { get; }

    public BlockOutcome[] Outcomes { get; }

    public Hash256[] Hashes { get; }

    public BlockLocation?[] Found { get; }

    public int[] Pending { get; }

    public long FirstBlock { get; set; }

    public int BlockCount { get; set; }

    public long Offset { get; set; }

    public int Length { get; set; }

    public long Span { get; set; }

    /// <summary>The previous backup's segment for this span, if any: blocks whose hash is unchanged are not stored again.</summary>
    public Segment? Previous { get; set; }

    private static ArraySegment<byte> AlignedSegment(int length)
    {
        const int alignment = VolumeHandle.DirectWriteAlignment;
        var array = GC.AllocateUninitializedArray<byte>(length + alignment, pinned: true);
        // Arrays on the pinned object heap never move, so the address seen once stays true.
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        var address = handle.AddrOfPinnedObject();
        handle.Free();
        var start = (int)((alignment - (address & (alignment - 1))) & (alignment - 1));
        return new ArraySegment<byte>(array, start, length);
    }

    /// <summary>Completed by the worker that processed the chunk; the assembler awaits it to keep volume order.</summary>
    public TaskCompletionSource Done { get; set; } = new();
}

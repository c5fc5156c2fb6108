namespace VolumeBackup.Persistence.BlockIndex;

/// <summary>
/// One row of a container's block index: block <see cref="Hash"/> (SHA-256 of its plaintext, 32 bytes) is stored as
/// <see cref="StoredLength"/> bytes at <see cref="Offset"/> of pack <see cref="PackId"/> (32 bytes) in container
/// <see cref="Container"/> of tenant <see cref="TenantId"/>. Key: (tenant, container, hash); the first pack recorded wins.
/// </summary>
internal sealed class BlockIndexEntry
{
    public required string TenantId { get; set; }

    public required string Container { get; set; }

    public required byte[] Hash { get; set; }

    public required byte[] PackId { get; set; }

    public long Offset { get; set; }

    public long StoredLength { get; set; }

    /// <summary>The block's <c>BlockCompression</c> value (0 raw, 1 zstd).</summary>
    public short Compression { get; set; }
}

namespace VolumeBackup.Persistence.BlockIndex;

/// <summary>
/// Present when the block index of container <see cref="Container"/> of tenant <see cref="TenantId"/> was built from
/// every pack of the container (at <see cref="CompletedAt"/>) and has been kept in step since. Absent: not trusted yet.
/// </summary>
internal sealed class BlockIndexState
{
    public required string TenantId { get; set; }

    public required string Container { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}

namespace VolumeBackup.DataPath.Manifests;

/// <summary>Figures about one backup, kept in its root so they survive the loss of the database.</summary>
/// <param name="StoredBlocks">Non-zero blocks the backup refers to.</param>
/// <param name="ZeroBlocks">All-zero blocks (holes included), which are not stored.</param>
/// <param name="NewBlocks">Blocks this backup added to the container.</param>
/// <param name="NewStoredBytes">Bytes of packs and segments this backup added (the root is not counted in itself).</param>
/// <param name="ObjectCount">Packs + segments + root this backup refers to.</param>
public sealed record BackupStats(
    long StoredBlocks,
    long ZeroBlocks,
    long NewBlocks,
    long NewStoredBytes,
    int ReferencedPacks,
    int ReferencedSegments,
    int ObjectCount);

using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath;

/// <summary>What <see cref="BlockIndexRebuild.RunAsync"/> did: packs whose blocks it added, and damaged packs it left out.</summary>
/// <param name="StoreError">Set when a backup's rebuild stopped on this store error: the backup then ran without the index
/// (dedup against its previous backup only) and the next backup tries again. The counts are then what was done before it.</param>
public sealed record BlockIndexRebuildResult(int IndexedPacks, int DamagedPacks, ObjectStoreException? StoreError = null);

namespace VolumeBackup.DataPath;

/// <summary>What <see cref="BlockIndexRebuild.RunAsync"/> did: packs whose blocks it added, and damaged packs it left out.</summary>
public sealed record BlockIndexRebuildResult(int IndexedPacks, int DamagedPacks);

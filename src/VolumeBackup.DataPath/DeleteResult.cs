namespace VolumeBackup.DataPath;

/// <summary>What a delete did: the root is gone; unreferenced objects are removed by the sweep when it could run.</summary>
/// <param name="RootDeleted">False when the backup had no root (already deleted): deletes are idempotent.</param>
/// <param name="Sweep">The garbage collection that followed.</param>
public sealed record DeleteResult(bool RootDeleted, SweepResult Sweep);

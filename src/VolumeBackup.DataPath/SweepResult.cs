namespace VolumeBackup.DataPath;

/// <summary>
/// Outcome of removing objects no root refers to. <see cref="DeferredReason"/> is set when the sweep did not run
/// (a backup was running in the container, or a root could not be read); the garbage stays for a later sweep.
/// </summary>
public sealed record SweepResult(string? DeferredReason, int DeletedPacks, int DeletedSegments, long ReclaimedBytes)
{
    public bool Deferred => DeferredReason is not null;
}

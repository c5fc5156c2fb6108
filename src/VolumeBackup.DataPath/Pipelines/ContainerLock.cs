namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The body of <c>locks/&lt;kind&gt;-&lt;owner&gt;</c>. A backup holds a "backup" lock while it may refer to existing blocks;
/// a restore holds a "restore" lock while it reads; a delete holds a "delete" lock while it removes a root; a sweep holds
/// a "prune" lock while it deletes or rewrites. Staleness is judged by <see cref="Holder"/> when the reader can ask
/// whether that holder still runs (<see cref="ILockOwner"/>), else by <see cref="RefreshedAt"/>.
/// </summary>
internal sealed record ContainerLock(string Kind, string Owner, DateTimeOffset RefreshedAt, string? Holder = null)
{
    public const string BackupKind = "backup";
    public const string PruneKind = "prune";
    public const string RestoreKind = "restore";
    public const string DeleteKind = "delete";
}

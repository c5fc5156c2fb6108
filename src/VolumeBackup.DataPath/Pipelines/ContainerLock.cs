namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The body of <c>locks/&lt;kind&gt;-&lt;owner&gt;</c>. A backup holds a "backup" lock while it may refer to existing blocks;
/// a sweep holds a "prune" lock while it deletes. Staleness is judged by <see cref="RefreshedAt"/>.
/// </summary>
internal sealed record ContainerLock(string Kind, string Owner, DateTimeOffset RefreshedAt)
{
    public const string BackupKind = "backup";
    public const string PruneKind = "prune";
}

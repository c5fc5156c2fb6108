namespace VolumeBackup.Domain.Backups;

/// <summary>The allowed backup status changes (spec 4.4.1 lifecycle; any failure -> error).</summary>
public static class BackupTransitions
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [BackupStatus.Creating] = [BackupStatus.Available, BackupStatus.Error],
        [BackupStatus.Available] = [BackupStatus.Restoring, BackupStatus.Deleting],
        [BackupStatus.Restoring] = [BackupStatus.Available, BackupStatus.Error],
        [BackupStatus.Error] = [BackupStatus.Deleting],
        [BackupStatus.Deleting] = [BackupStatus.Error],
    };

    public static bool IsAllowed(string from, string to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to, StringComparer.Ordinal);

    /// <summary>The statuses from which <paramref name="to"/> may be reached.</summary>
    public static IReadOnlyList<string> SourcesOf(string to) =>
        [.. Allowed.Where(pair => pair.Value.Contains(to, StringComparer.Ordinal)).Select(pair => pair.Key)];

    /// <summary>
    /// An admin's force delete (Cinder's <c>os-force_delete</c>) starts from any status but <c>deleting</c>: a running
    /// backup or restore notices it when it ends and leaves the row to the delete.
    /// </summary>
    public static IReadOnlyList<string> ForceDeleteSources { get; } =
        [BackupStatus.Creating, BackupStatus.Available, BackupStatus.Restoring, BackupStatus.Error];
}

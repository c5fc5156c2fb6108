namespace VolumeBackup.Domain.Volumes;

/// <summary>The allowed volume status changes (from -> to). The stores refuse any other change.</summary>
public static class VolumeTransitions
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [VolumeStatus.Creating] = [VolumeStatus.Available, VolumeStatus.Error],
        [VolumeStatus.Available] =
            [VolumeStatus.BackingUp, VolumeStatus.RestoringBackup, VolumeStatus.Deleting, VolumeStatus.Attaching, VolumeStatus.InUse],
        // A backup locks the volume backing-up and gives it back as it found it: in-use when it still has its attachment.
        [VolumeStatus.BackingUp] = [VolumeStatus.Available, VolumeStatus.InUse, VolumeStatus.Error],
        [VolumeStatus.RestoringBackup] = [VolumeStatus.Available, VolumeStatus.ErrorRestoring],
        [VolumeStatus.ErrorRestoring] = [VolumeStatus.RestoringBackup, VolumeStatus.Deleting],
        [VolumeStatus.Error] = [VolumeStatus.Deleting],
        [VolumeStatus.Deleting] = [VolumeStatus.Error],

        // Attach and detach (Cinder's os-reserve, os-attach, os-begin_detaching, os-detach and their undos). An in-use
        // volume is neither restored into nor deleted; it is backed up (Cinder's force) from a snapshot, locked
        // backing-up meanwhile, so that it cannot be detached under the backup.
        [VolumeStatus.Attaching] = [VolumeStatus.Available, VolumeStatus.InUse],
        [VolumeStatus.InUse] = [VolumeStatus.Detaching, VolumeStatus.Available, VolumeStatus.BackingUp],
        [VolumeStatus.Detaching] = [VolumeStatus.InUse, VolumeStatus.Available],
    };

    public static bool IsAllowed(string from, string to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to, StringComparer.Ordinal);

    /// <summary>The statuses from which <paramref name="to"/> may be reached.</summary>
    public static IReadOnlyList<string> SourcesOf(string to) =>
        [.. Allowed.Where(pair => pair.Value.Contains(to, StringComparer.Ordinal)).Select(pair => pair.Key)];
}

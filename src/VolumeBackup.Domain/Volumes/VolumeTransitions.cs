namespace VolumeBackup.Domain.Volumes;

/// <summary>The allowed volume status changes (from -> to). The stores refuse any other change.</summary>
public static class VolumeTransitions
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [VolumeStatus.Creating] = [VolumeStatus.Available, VolumeStatus.Error],
        [VolumeStatus.Available] = [VolumeStatus.BackingUp, VolumeStatus.RestoringBackup, VolumeStatus.Deleting],
        [VolumeStatus.BackingUp] = [VolumeStatus.Available, VolumeStatus.Error],
        [VolumeStatus.RestoringBackup] = [VolumeStatus.Available, VolumeStatus.ErrorRestoring],
        [VolumeStatus.ErrorRestoring] = [VolumeStatus.RestoringBackup, VolumeStatus.Deleting],
        [VolumeStatus.Error] = [VolumeStatus.Deleting],
        [VolumeStatus.Deleting] = [VolumeStatus.Error],
    };

    public static bool IsAllowed(string from, string to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to, StringComparer.Ordinal);

    /// <summary>The statuses from which <paramref name="to"/> may be reached.</summary>
    public static IReadOnlyList<string> SourcesOf(string to) =>
        [.. Allowed.Where(pair => pair.Value.Contains(to, StringComparer.Ordinal)).Select(pair => pair.Key)];
}

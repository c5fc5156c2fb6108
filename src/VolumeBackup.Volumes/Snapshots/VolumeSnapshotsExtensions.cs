namespace VolumeBackup.Volumes.Snapshots;

public static class VolumeSnapshotsExtensions
{
    /// <summary>Removes every snapshot of the volume on this node, but the one named <paramref name="keep"/> if given.</summary>
    public static void DeleteAll(this IVolumeSnapshots snapshots, VolumeLocation volume, string? keep = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        foreach (var snapshot in snapshots.List(volume))
        {
            if (snapshot.Name != keep)
            {
                snapshots.Delete(snapshot);
            }
        }
    }
}

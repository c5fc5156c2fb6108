namespace VolumeBackup.Volumes.Snapshots;

/// <summary>
/// Takes point-in-time snapshots of volumes on this node, so that a backup reads a still image while the volume stays in
/// use, and keeps the last one for the next backup's changed-block comparison. Every method is safe to call again after
/// a crash half-way through.
/// </summary>
public interface IVolumeSnapshots
{
    /// <summary>Null when this node can snapshot the volume; otherwise one sentence for the user saying why not.</summary>
    string? WhyUnavailable(VolumeLocation volume);

    /// <summary>
    /// Takes a snapshot named <paramref name="name"/>, replacing one of that name left by an earlier attempt. Fails with
    /// <see cref="VolumeSnapshotException"/> (a sentence for the user) when the snapshot cannot be taken.
    /// </summary>
    VolumeSnapshot Take(VolumeLocation volume, string name);

    /// <summary>The volume's snapshot named <paramref name="name"/>, if it exists.</summary>
    VolumeSnapshot? Find(VolumeLocation volume, string name);

    /// <summary>All snapshots of the volume that exist on this node.</summary>
    IReadOnlyList<VolumeSnapshot> List(VolumeLocation volume);

    /// <summary>Opens a snapshot for reading, as a volume.</summary>
    VolumeHandle Open(VolumeSnapshot snapshot);

    /// <summary>Removes a snapshot; removing a missing one succeeds.</summary>
    void Delete(VolumeSnapshot snapshot);
}

namespace VolumeBackup.Volumes;

/// <summary>
/// Where a volume's bytes are on its node: a volume the service created is named by its id (the driver derives its
/// file), an adopted one ("manage existing") by the path of its block device or file.
/// </summary>
public readonly record struct VolumeLocation(string VolumeId, string? ManagedPath)
{
    public bool IsManaged => ManagedPath is not null;
}

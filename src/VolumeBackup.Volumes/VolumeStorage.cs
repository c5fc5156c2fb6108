namespace VolumeBackup.Volumes;

/// <summary>What holds a volume's bytes.</summary>
public enum VolumeStorage
{
    /// <summary>A regular file: holes read as zeros and can be found and punched.</summary>
    File,

    /// <summary>A block device: no holes to find, a fixed size, zeroing through the device's own commands.</summary>
    BlockDevice,
}

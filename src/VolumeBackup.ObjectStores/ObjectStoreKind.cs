namespace VolumeBackup.ObjectStores;

/// <summary>Which object store holds the backups.</summary>
public enum ObjectStoreKind
{
    /// <summary>Directories on a local file system: the embedded default.</summary>
    Filesystem,

    /// <summary>OpenStack Swift.</summary>
    Swift,
}

namespace VolumeBackup.Server.Jobs;

/// <summary>Setting <c>VolumeBackup:DataPath:BlockIndex</c>: where each container's block index lives.</summary>
internal enum BlockIndexMode
{
    /// <summary>In the metadata database, one per tenant and container: backups dedup against every backup of the container.</summary>
    Database,

    /// <summary>No index: a backup dedups against its volume's previous backup and within its own run only.</summary>
    None,
}

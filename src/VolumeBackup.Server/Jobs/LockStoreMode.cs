namespace VolumeBackup.Server.Jobs;

/// <summary>Setting <c>VolumeBackup:DataPath:Locks</c>: where the jobs keep their containers' backup, restore, delete and sweep locks.</summary>
internal enum LockStoreMode
{
    /// <summary>
    /// Rows of the metadata database, one per lock: correct whatever the object store's listings show. With
    /// <c>VolumeBackup:DataPath:MirrorObjectLocks</c> (on by default) also as <c>locks/</c> objects, for nodes of earlier
    /// versions during a rolling upgrade.
    /// </summary>
    Database,

    /// <summary>Objects under <c>locks/</c> in the container, as earlier versions kept them: correct only while listings are up to date.</summary>
    ObjectStore,
}

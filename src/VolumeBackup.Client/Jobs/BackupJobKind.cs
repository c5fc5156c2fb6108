namespace VolumeBackup.Client.Jobs;

/// <summary>Which end a wait looks for.</summary>
internal enum BackupJobKind
{
    /// <summary>The backup leaves <c>creating</c>.</summary>
    Create,

    /// <summary>The backup disappears.</summary>
    Delete,

    /// <summary>Whatever runs now ends: <c>available</c>, <c>error</c>, or gone after <c>deleting</c>.</summary>
    Any,
}

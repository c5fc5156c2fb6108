namespace VolumeBackup.Persistence.Jobs;

/// <summary>What a job does. Stored in the database: only ever add.</summary>
public static class JobKind
{
    public const string CreateBackup = "create_backup";
    public const string RestoreBackup = "restore_backup";
    public const string DeleteBackup = "delete_backup";
}

namespace VolumeBackup.Persistence.Jobs;

/// <summary>What a job does. Stored in the database: only ever add.</summary>
public static class JobKind
{
    public const string CreateBackup = "create_backup";
    public const string RestoreBackup = "restore_backup";
    public const string DeleteBackup = "delete_backup";

    /// <summary>Makes a new volume's bytes on the worker node it was placed on (the request came to another node).</summary>
    public const string CreateVolume = "create_volume";

    /// <summary>Deletes a volume's bytes on its own node (the request came to another node), then its row.</summary>
    public const string DeleteVolume = "delete_volume";

    /// <summary>Reads every object a backup uses and checks every block's hash, writing no volume.</summary>
    public const string VerifyBackup = "verify_backup";
}

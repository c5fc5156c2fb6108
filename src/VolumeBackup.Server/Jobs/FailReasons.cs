using VolumeBackup.ObjectStores;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Words a job's failure for the backup's fail_reason: one sentence a user can act on, never a stack trace or a path of
/// this machine (the details go to the log).
/// </summary>
public static class FailReasons
{
    /// <summary>Why <paramref name="operation"/> ("backup", "restore", "delete") failed, in words.</summary>
    public static string Describe(Exception exception, string operation) => exception switch
    {
        JobFailedException e => e.Message,
        ObjectNotFoundException => $"The {operation} failed: data of the backup is missing from its container.",
        ObjectStoreException { IsTransient: true } =>
            $"The {operation} failed: the object store did not answer in time, repeatedly. Try again later.",
        ObjectStoreException => $"The {operation} failed: the object store refused the request.",
        IOException when operation == "delete" => "The delete failed: the object store could not remove the backup's objects.",
        FileNotFoundException or DirectoryNotFoundException => $"The {operation} failed: the volume's data was not found on its host.",
        IOException or UnauthorizedAccessException => $"The {operation} failed: the volume could not be read or written on its host.",
        _ => $"The {operation} failed because of an internal error; the service log has the details.",
    };

    /// <summary>A failure worth another attempt (the store said so); anything else fails the job at once.</summary>
    public static bool IsTransient(Exception exception) => exception is ObjectStoreException { IsTransient: true };

    public static string LeaseExpired(string operation, int attempts) =>
        $"The {operation} did not finish: its worker stopped responding ({attempts} attempts). Start it again.";
}

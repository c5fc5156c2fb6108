using VolumeBackup.ObjectStores;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Words a job's failure for the backup's fail_reason: one sentence a user can act on, never a stack trace, an object
/// key, a byte range, a store address or a path of this machine (the details go to the log). Store failures are worded
/// by the kind the store's driver gave them, not guessed from exception types or texts.
/// </summary>
internal static class FailReasons
{
    /// <summary>Why <paramref name="operation"/> ("backup", "restore", "delete") failed, in words.</summary>
    public static string Describe(Exception exception, string operation) => exception switch
    {
        JobFailedException e => e.Message,
        ObjectStoreException e => e.Kind switch
        {
            ObjectStoreErrorKind.NotFound or ObjectStoreErrorKind.InvalidRange =>
                $"The {operation} failed: data of the backup is missing from its container.",
            ObjectStoreErrorKind.Full => $"The {operation} failed: the object store is full.",
            ObjectStoreErrorKind.AccessDenied => $"The {operation} failed: the object store denied access to the backup's container.",
            ObjectStoreErrorKind.Unavailable =>
                $"The {operation} failed: the object store was unavailable. Try again later.",
            _ => $"The {operation} failed: the object store refused the request.",
        },
        FileNotFoundException or DirectoryNotFoundException => $"The {operation} failed: the volume's data was not found on its host.",
        IOException or UnauthorizedAccessException => $"The {operation} failed: the volume could not be read or written on its host.",
        _ => $"The {operation} failed because of an internal error; the service log has the details.",
    };

    /// <summary>
    /// The store is unreachable or overloaded (retried by the store or not): the job waits and starts over, within the
    /// outage budget, instead of failing.
    /// </summary>
    public static bool IsStoreOutage(Exception exception) => exception is ObjectStoreException { IsOutage: true };

    /// <summary>The backup's data is damaged or gone: a restore that meets it marks the backup <c>error</c>.</summary>
    public static bool IsDamagedData(Exception exception) => exception is JobFailedException { DamagedData: true };

    public static string OutageBudgetSpent(string operation, TimeSpan budget) =>
        $"The {operation} failed: the object store was unavailable for longer than {Describe(budget)}. Try again later.";

    public static string LeaseExpired(string operation, int attempts) =>
        $"The {operation} did not finish: its worker stopped responding ({attempts} attempts). Start it again.";

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0
            ? $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}"
            : $"{span.TotalSeconds:0} seconds";
}

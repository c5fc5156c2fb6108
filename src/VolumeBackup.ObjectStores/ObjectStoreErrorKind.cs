namespace VolumeBackup.ObjectStores;

/// <summary>
/// What went wrong in the store, decided once by the driver (from an errno or an HTTP status, never from message text),
/// so that retries, job-level waits and the words users read all follow the same classification.
/// </summary>
public enum ObjectStoreErrorKind
{
    /// <summary>The store did not answer, timed out or said it is busy (5xx, 429, a broken connection): the same call may succeed later.</summary>
    Unavailable,

    /// <summary>The object or its container does not exist.</summary>
    NotFound,

    /// <summary>A range that lies outside the object.</summary>
    InvalidRange,

    /// <summary>The store has no room left (ENOSPC, EDQUOT; Swift 507, or 413 over an account or container quota).</summary>
    Full,

    /// <summary>The store refused these credentials or permissions (401/403; EACCES, EPERM, EROFS).</summary>
    AccessDenied,

    /// <summary>Anything else the store refused or failed at for good (a bad request, a medium error).</summary>
    Failed,
}

namespace VolumeBackup.ObjectStores.Filesystem;

/// <summary>
/// The one place filesystem failures are classified, by errno (which .NET on Linux puts in <see cref="Exception.HResult"/>
/// of a plain <see cref="IOException"/>) and by exception type, never by message text (messages are translated and
/// change between runtimes).
/// </summary>
internal static class FilesystemErrors
{
    // errno values of Linux (asm-generic), the only platform the store runs on.
    private const int Eperm = 1;
    private const int Eintr = 4;
    private const int Eagain = 11;
    private const int Eacces = 13;
    private const int Ebusy = 16;
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Enolink = 67;
    private const int Ecomm = 70;
    private const int Enetdown = 100;
    private const int Enetunreach = 101;
    private const int Econnaborted = 103;
    private const int Econnreset = 104;
    private const int Enotconn = 107;
    private const int Etimedout = 110;
    private const int Econnrefused = 111;
    private const int Ehostdown = 112;
    private const int Ehostunreach = 113;
    private const int Estale = 116;
    private const int Edquot = 122;

    // The same conditions as Windows HRESULTs, for completeness of the mapping.
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The store's exception for <paramref name="e"/>, or null when it is not a filesystem failure (cancellation, a bug).</summary>
    public static ObjectStoreException? Classify(Exception e, string what, string key) => e switch
    {
        ObjectStoreException => null,
        FileNotFoundException or DirectoryNotFoundException => new ObjectNotFoundException(key),
        UnauthorizedAccessException => new ObjectStoreException($"The {what} was refused: permission denied.", ObjectStoreErrorKind.AccessDenied, e),
        IOException io => new ObjectStoreException($"The {what} failed: {io.Message}", KindOf(io.HResult), e),
        _ => null,
    };

    public static ObjectStoreErrorKind KindOf(int hresult) => hresult switch
    {
        Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull => ObjectStoreErrorKind.Full,
        Eacces or Eperm or Erofs => ObjectStoreErrorKind.AccessDenied,
        // A store on a network file system (NFS, CIFS) that lost its server, or a busy local one: may come back.
        Eintr or Eagain or Ebusy or Enolink or Ecomm or Enetdown or Enetunreach or Econnaborted or Econnreset or Enotconn
            or Etimedout or Econnrefused or Ehostdown or Ehostunreach or Estale => ObjectStoreErrorKind.Unavailable,
        // EIO (5) and the rest: the medium or the file system failed; retrying the same call does not help.
        _ => ObjectStoreErrorKind.Failed,
    };
}

using Microsoft.Data.Sqlite;
using Npgsql;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>
/// Recognises a request that failed because the service's own storage is full (the SQLite database or a volume file
/// cannot grow, PostgreSQL is out of disk): not a bug, so the client gets 503 and a retry later, never a 500.
/// </summary>
internal static class StorageFull
{
    private const int SqliteFull = 13;        // SQLITE_FULL
    private const int Enospc = 28;            // errno: no space left on device
    private const int Edquot = 122;           // errno: disk quota exceeded
    private const string PostgresDiskFull = "53100";

    public static bool IsCause(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var full = e switch
            {
                SqliteException s => s.SqliteErrorCode == SqliteFull,
                PostgresException p => p.SqlState == PostgresDiskFull,
                IOException io => io.HResult is Enospc or Edquot,
                _ => false,
            };
            if (full)
            {
                return true;
            }
        }

        return false;
    }
}

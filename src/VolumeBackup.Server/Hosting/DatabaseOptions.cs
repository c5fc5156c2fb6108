using VolumeBackup.Persistence;

namespace VolumeBackup.Server.Hosting;

/// <summary>Section <c>VolumeBackup:Database</c>.</summary>
internal sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres; for Sqlite empty means <c>volumebackup.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long a starting node keeps trying to reach a database that is not answering yet (refused, reset, timed out)
    /// before it gives up and exits.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromMinutes(2);
}

namespace VolumeBackup.Persistence;

/// <summary>Which database holds the metadata: SQLite (embedded, one node) or PostgreSQL (several nodes).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

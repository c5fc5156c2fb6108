using Microsoft.Data.Sqlite;

namespace VolumeBackup.EndToEndTests.Operations;

/// <summary>Jobs still queued or running in a server's SQLite database, read from outside the server.</summary>
internal static class UnfinishedJobs
{
    public static async Task<long> CountAsync(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "volumebackup.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT count(*) FROM "Jobs" WHERE "State" IN ('queued', 'running')""";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// A backup's latest job as its row in a server's SQLite database says, read from outside the server (WAL lets a
/// reader in beside it): state, claims so far, and the process of the worker that claimed it last.
/// </summary>
internal sealed record JobRow(string Kind, string State, int Attempts, string? LeaseOwner)
{
    /// <summary>The process id in the lease owner (<c>host/pid-instance/loop</c>); 0 when there is none.</summary>
    public int OwnerProcessId =>
        LeaseOwner?.Split('/') is [_, var process, _] ? int.Parse(process.Split('-')[0], CultureInfo.InvariantCulture) : 0;

    public static async Task<JobRow> ReadAsync(string dataDirectory, string backupId)
    {
        var path = Path.Combine(dataDirectory, "volumebackup.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Kind", "State", "Attempts", "LeaseOwner" FROM "Jobs" WHERE "BackupId" = $id ORDER BY "Id" DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$id", long.Parse(backupId, CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No job for backup {backupId}.");
        return new JobRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), await reader.IsDBNullAsync(3) ? null : reader.GetString(3));
    }
}

using Microsoft.Data.Sqlite;

namespace VolumeBackup.EndToEndTests.Backups;

/// <summary>
/// The container locks a server keeps in its SQLite database (table <c>ContainerLocks</c>), read from outside the server:
/// the keys (<c>&lt;kind&gt;-&lt;owner&gt;</c>) of one tenant's container, in order.
/// </summary>
internal static class LockRows
{
    public static async Task<string[]> ReadAsync(string dataDirectory, string tenant, string container)
    {
        var path = Path.Combine(dataDirectory, "volumebackup.db");
        if (!File.Exists(path))
        {
            return [];
        }

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Key" FROM "ContainerLocks" WHERE "TenantId" = $tenant AND "Container" = $container ORDER BY "Key"
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$container", container);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys];
    }
}

using Npgsql;

namespace VolumeBackup.Testing.Databases;

/// <summary>The test PostgreSQL (scripts/postgres.sh): 127.0.0.1:5432, role and database vbtest, CREATEDB.</summary>
public static class PostgresServer
{
    public const string AdminConnectionString =
        "Host=127.0.0.1;Port=5432;Username=vbtest;Password=vbtest;Database=vbtest;Timeout=3;Pooling=false";

    public const string HowToStart = "sudo bash scripts/postgres.sh up";

    private static Task<bool>? _reachable;

    /// <summary>Probed once per test run (two racing first calls probe twice, harmlessly).</summary>
    public static Task<bool> IsReachableAsync() => _reachable ??= ProbeAsync();

    /// <summary>Skips the test (locally) or fails it (CI=true) when PostgreSQL is not reachable.</summary>
    public static async Task RequireAsync() =>
        RealServices.Require(await IsReachableAsync(), "PostgreSQL on 127.0.0.1:5432", HowToStart);

    /// <summary>Creates an empty database with a unique name; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken ct = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections. An autovacuum worker runs as
    /// the superuser, which the test role may not terminate (42501), and a backend may still be ending (55006): both
    /// pass within moments, so the drop is tried again for up to ten seconds.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    /// <summary>
    /// Tries for up to half a minute: the answer is kept for the whole run, so one connection refused on a loaded
    /// machine (all connection slots briefly taken, a slow start) must not fail every PostgreSQL test after it.
    /// </summary>
    private static async Task<bool> ProbeAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}

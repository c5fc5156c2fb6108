using Xunit;

namespace VolumeBackup.Testing.Databases;

/// <summary>
/// One fresh, migrated PostgreSQL database per test class, dropped afterwards. When PostgreSQL is not reachable
/// the fixture stays empty and <see cref="GetAsync"/> skips the test (fails it in CI).
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task<TestDatabase> GetAsync()
    {
        await PostgresServer.RequireAsync();
        return _database ?? throw new InvalidOperationException("PostgreSQL became reachable after the fixture started.");
    }

    public async ValueTask InitializeAsync()
    {
        if (await PostgresServer.IsReachableAsync())
        {
            _database = await TestDatabase.CreatePostgresAsync("vb_test");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

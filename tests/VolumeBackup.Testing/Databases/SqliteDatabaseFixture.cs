using Xunit;

namespace VolumeBackup.Testing.Databases;

/// <summary>One migrated SQLite database per test class (<c>IClassFixture</c>); tests call <c>ResetAsync</c> first.</summary>
public sealed class SqliteDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

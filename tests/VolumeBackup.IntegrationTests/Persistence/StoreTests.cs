using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

public sealed class SqliteStoreTests(SqliteDatabaseFixture fixture) : StoreContract, IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => Task.FromResult(fixture.Database);
}

public sealed class PostgresStoreTests(PostgresDatabaseFixture fixture) : StoreContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => fixture.GetAsync();
}

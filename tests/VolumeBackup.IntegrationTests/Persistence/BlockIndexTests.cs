using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

public sealed class SqliteBlockIndexTests(SqliteDatabaseFixture fixture) : BlockIndexContract, IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => Task.FromResult(fixture.Database);
}

public sealed class PostgresBlockIndexTests(PostgresDatabaseFixture fixture) : BlockIndexContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => fixture.GetAsync();
}

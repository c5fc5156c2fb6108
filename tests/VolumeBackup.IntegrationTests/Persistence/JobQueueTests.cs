using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

public sealed class SqliteJobQueueTests(SqliteDatabaseFixture fixture) : JobQueueContract, IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => Task.FromResult(fixture.Database);
}

public sealed class PostgresJobQueueTests(PostgresDatabaseFixture fixture) : JobQueueContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<TestDatabase> GetDatabaseAsync() => fixture.GetAsync();
}

using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Cancel;

public sealed class SqliteCancelledJobStateTests : CancelledJobStateContract
{
    protected override Task<ServerSettings> SettingsAsync(Dictionary<string, string> settings) =>
        Task.FromResult(new ServerSettings { Settings = settings });
}

public sealed class PostgresCancelledJobStateTests : CancelledJobStateContract
{
    protected override async Task<ServerSettings> SettingsAsync(Dictionary<string, string> settings)
    {
        await PostgresServer.RequireAsync();
        return new ServerSettings
        {
            Settings = settings,
            Database = DatabaseProvider.Postgres,
            ConnectionString = await PostgresServer.CreateDatabaseAsync("vb_cancel"),
        };
    }

    protected override Task CleanUpAsync(ServerSettings settings) =>
        settings.ConnectionString is null ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(settings.ConnectionString);
}

using VolumeBackup.Persistence;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Wakeups;

/// <summary>
/// Two server processes on one PostgreSQL database and one filesystem object store: <see cref="Api"/> answers the API
/// only (host node-a); <see cref="Worker"/> (host node-b, both roles) keeps the volumes and runs their jobs. Workers
/// poll only every <see cref="PollInterval"/>, so a job that starts sooner was woken by a notification.
/// </summary>
public sealed class ApiAndWorkerNodes : IAsyncLifetime
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);

    private readonly TempDataDirectory _apiDirectory = new("vb-wake-api");
    private readonly TempDataDirectory _workerDirectory = new("vb-wake-worker");
    private readonly TempDataDirectory _objects = new("vb-wake-objects");
    private ServerProcess? _api;
    private ServerProcess? _worker;
    private string? _connectionString;

    public ServerProcess Api => _api ?? throw new InvalidOperationException("Not started.");

    public ServerProcess Worker => _worker ?? throw new InvalidOperationException("Not started.");

    public JobDatabase Database => new(_connectionString ?? throw new InvalidOperationException("Not started."));

    public async ValueTask InitializeAsync()
    {
        await PostgresServer.RequireAsync();
        _connectionString = await PostgresServer.CreateDatabaseAsync("vb_wakeups");
        // One after the other: the first one migrates the database.
        _worker = ServerProcess.Start(_workerDirectory.Path, Settings("node-b", "api,worker"));
        await _worker.WaitUntilHealthyAsync(Startup);
        _api = ServerProcess.Start(_apiDirectory.Path, Settings("node-a", "api"));
        await _api.WaitUntilHealthyAsync(Startup);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }

        _apiDirectory.Dispose();
        _workerDirectory.Dispose();
        _objects.Dispose();
    }

    private ServerSettings Settings(string host, string roles) => new()
    {
        Database = DatabaseProvider.Postgres,
        ConnectionString = _connectionString,
        Settings = new Dictionary<string, string>
        {
            ["VolumeBackup:NodeHost"] = host,
            ["VolumeBackup:Roles"] = roles,
            ["VolumeBackup:Backups:PollInterval"] = PollInterval.ToString(),
            ["VolumeBackup:ObjectStore:FilesystemRoot"] = _objects.Path,
        },
    };
}

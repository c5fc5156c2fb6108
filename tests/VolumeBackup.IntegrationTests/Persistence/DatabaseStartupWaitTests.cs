using System.Diagnostics;
using System.Net;
using Npgsql;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Persistence;

/// <summary>
/// A node that starts while PostgreSQL drops its connections (a proxy on loopback resets each one after the server's
/// first byte, as a database that is still starting or failing over does) waits for it, and starts, migrated and
/// serving, once the connections go through; a database that never answers ends the start after its wait.
/// </summary>
public sealed class DatabaseStartupWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_started_while_postgres_resets_its_connections_waits_and_serves_once_they_go_through()
    {
        await PostgresServer.RequireAsync();
        var connectionString = await PostgresServer.CreateDatabaseAsync("vb_startwait", Ct);
        try
        {
            var broken = 1;
            await using var proxy = new FaultyTcpProxy(
                new IPEndPoint(IPAddress.Loopback, 5432), _ => Volatile.Read(ref broken) == 1 ? TcpFault.Reset : TcpFault.None)
            {
                ResetAfterBytes = 1,
            };
            var starting = TestServer.StartAsync(Settings(connectionString, proxy.Port, "00:01:00"));

            var clock = Stopwatch.StartNew();
            while (proxy.Fired(TcpFault.Reset) < 2 && !starting.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, Ct);
            }

            Assert.False(starting.IsCompleted, "The start ended while the database was still resetting its connections.");
            Assert.True(proxy.Fired(TcpFault.Reset) >= 2, $"Only {proxy.Fired(TcpFault.Reset)} connection(s) were tried in 30 s.");
            Volatile.Write(ref broken, 0);

            await using var server = await starting.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            using var client = server.CreateClient(server.Tokens.Demo);
            await ApiAssert.OkJsonAsync(await client.GetPathAsync("healthz"));
            await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_node_whose_database_never_answers_stops_its_start_after_the_wait()
    {
        await PostgresServer.RequireAsync();
        var connectionString = await PostgresServer.CreateDatabaseAsync("vb_startwait", Ct);
        try
        {
            await using var proxy = new FaultyTcpProxy(new IPEndPoint(IPAddress.Loopback, 5432), _ => TcpFault.Reset) { ResetAfterBytes = 1 };
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(Settings(connectionString, proxy.Port, "00:00:04")));

            Assert.True(DatabaseIsUnreachable(error), error.ToString());
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(40));
            Assert.True(proxy.Fired(TcpFault.Reset) >= 2, $"Only {proxy.Fired(TcpFault.Reset)} connection(s) were tried.");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static ServerSettings Settings(string connectionString, int port, string wait) => new()
    {
        Database = DatabaseProvider.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Port = port }.ConnectionString,
        Settings = new Dictionary<string, string> { ["VolumeBackup:Database:StartupWait"] = wait },
    };

    private static bool DatabaseIsUnreachable(Exception error) =>
        error is NpgsqlException or IOException || (error.InnerException is { } inner && DatabaseIsUnreachable(inner));
}

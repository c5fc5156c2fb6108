using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>Every node writes its row at start and refreshes it every heartbeat interval, on both databases.</summary>
public sealed class HeartbeatTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_node_writes_its_row_at_start_and_refreshes_its_heartbeat(DatabaseProvider provider)
    {
        string? connectionString = null;
        if (provider == DatabaseProvider.Postgres)
        {
            await PostgresServer.RequireAsync();
            connectionString = await PostgresServer.CreateDatabaseAsync("vb_nodes", TestContext.Current.CancellationToken);
        }

        try
        {
            await using var server = await TestServer.StartAsync(NodeServers.Node("node-a", provider, connectionString,
                new Dictionary<string, string> { ["VolumeBackup:Backups:Workers"] = "3" }));
            var first = await WaitForRowAsync(server);
            Assert.Equal("api,worker", first.Roles);
            Assert.Equal(3, first.MaxJobs);
            Assert.Equal(server.BaseUrl, first.Endpoint);
            Assert.False(string.IsNullOrEmpty(first.Instance));
            Assert.Null(first.RetiredAt);

            await NodeServers.EventuallyAsync(
                async () => (await NodeServers.NodeAsync(server, "node-a"))!.HeartbeatAt > first.HeartbeatAt, "a newer heartbeat");
            var later = (await NodeServers.NodeAsync(server, "node-a"))!;
            Assert.Equal(first.StartedAt, later.StartedAt);
            Assert.Equal(first.Instance, later.Instance);
        }
        finally
        {
            if (connectionString is not null)
            {
                await PostgresServer.DropDatabaseAsync(connectionString);
            }
        }
    }

    [Fact]
    public async Task An_api_only_node_records_no_job_slots()
    {
        await using var server = await TestServer.StartAsync(NodeServers.Node("node-api", extra: new Dictionary<string, string>
        {
            ["VolumeBackup:Roles"] = "api",
        }));
        var row = await WaitForRowAsync(server, "node-api");
        Assert.Equal("api", row.Roles);
        Assert.Equal(0, row.MaxJobs);
    }

    private static async Task<VolumeBackup.Persistence.Nodes.NodeRecord> WaitForRowAsync(TestServer server, string host = "node-a")
    {
        // The first beat may come before the listener is bound: the endpoint is there from the next one.
        await NodeServers.EventuallyAsync(async () => await NodeServers.NodeAsync(server, host) is { Endpoint: not null }, "the node's row");
        return (await NodeServers.NodeAsync(server, host))!;
    }
}
